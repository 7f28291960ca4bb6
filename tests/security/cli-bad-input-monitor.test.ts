import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downMonitor, expectNoRun, tagwatch, tempDir } from './bad-input-support.ts';

// A monitor's site is http or https only, its baseUrl and its webServer.url alike; the message
// names the file, the field path, the value and its scheme. A monitor's problems are listed all at
// once (src/monitor/load-monitor.ts), so this stays the monitor's list, one line per problem.
describe('a monitor site that is not http(s): exit 2, the file, the field path, the value', () => {
  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['ftp://shop.example/', 'ftp'],
    ['file:///etc/passwd', 'file'],
  ])('site.baseUrl %s', (baseUrl, scheme) => {
    const dir = tempDir();
    const file = downMonitor(dir, { baseUrl });
    const out = join(dir, 'reports');
    const { code, stdout, stderr } = tagwatch(['audit', file, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).toContain(`tagwatch: Invalid monitor ${file}:`);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`: site.baseUrl: '${baseUrl}' uses the ${scheme} scheme: an http:// or https:// URL, e.g. https://staging.my-shop.example ({port} allowed)`);
    expectNoRun(out);
  });

  it.each(['ftp://127.0.0.1:{port}/', 'javascript:void(0)'])('site.webServer.url %s', (url) => {
    const dir = tempDir();
    const file = downMonitor(dir, { baseUrl: 'http://127.0.0.1:{port}', webServer: { command: 'node -e "setTimeout(() => {}, 60000)"', url } });
    const out = join(dir, 'reports');
    const { code, stdout, stderr } = tagwatch(['audit', file, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).toContain(`tagwatch: Invalid monitor ${file}:`);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/: site\.webServer\.url: '.+' uses the [a-z]+ scheme: an http:\/\/ or https:\/\/ URL/);
    expectNoRun(out);
  });
});
