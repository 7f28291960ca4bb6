import { describe, expect, it } from 'vitest';
import { resolveMonitor } from '../../src/audit/resolve-monitor.ts';
import { UserError } from '../../src/user-error.ts';
import { downMonitor, tempDir } from './bad-input-support.ts';

// runAudit / runShard take the same overrides as the CLI's flags: the same limits hold there, from
// the same source (the monitor schema's repeat, its http(s) URL check), before the monitor loads.
describe('audit options given through the API', () => {
  it.each([
    [{ repeat: 1000 }, 'repeat: 1000; a whole number from 1 to 100'],
    [{ repeat: 0 }, 'repeat: 0; a whole number from 1 to 100'],
    [{ conditions: [] }, "conditions: an empty list; leave it out to run the monitor's conditions"],
    [{ baseUrl: 'javascript:alert(1)' }, "baseUrl: 'javascript:alert(1)' uses the javascript scheme; an http:// or https:// URL"],
    [{ baseUrl: 'notaurl' }, "baseUrl: 'notaurl' is not a URL; an http:// or https:// URL"],
  ])('%j is refused', async (overrides, message) => {
    const error = await resolveMonitor(downMonitor(tempDir()), overrides).then(() => undefined, (e: Error) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toContain(`Invalid audit options: ${message}`);
  });

  it('the cap itself and an http URL are taken', async () => {
    const { monitor } = await resolveMonitor(downMonitor(tempDir()), { repeat: 100, baseUrl: 'http://127.0.0.1:8/' });
    expect(monitor.repeat).toBe(100);
    expect(monitor.site.baseUrl).toBe('http://127.0.0.1:8/');
  });
});
