/**
 * The program between tagwatch and a site's web server command (run as `node -e`): it leads a
 * process group of its own with the command, and ends that group when its stdin closes. tagwatch
 * holds the other end, so the site stops when the audit stops it, when the audit exits, and when
 * the audit is killed outright (a scheduler's SIGKILL of the audit's group, a crash): the closed
 * pipe is the one signal that reaches it in every case.
 *
 * argv: the command (run in a shell). Exit code: the command's, when it ends on its own.
 */
export const WATCHDOG_SOURCE = `
const { spawn } = require('node:child_process');
const command = process.argv[1];
const site = spawn(command, { shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;
const endGroup = (signal) => { try { process.kill(-process.pid, signal); } catch {} };
// The group's own SIGTERM reaches this process too: it must outlive the site to finish the job.
process.on('SIGTERM', () => {});
site.on('error', (error) => { console.error(String(error)); process.exit(127); });
site.on('exit', (code, signal) => {
  // Stopping: whatever the command left behind in the group goes with it (and this process).
  if (stopping) endGroup('SIGKILL');
  process.exit(code ?? (signal ? 128 : 1));
});
const stop = () => {
  if (stopping) return;
  stopping = true;
  endGroup('SIGTERM');
  setTimeout(() => endGroup('SIGKILL'), 5000);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
`;
