import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { RequestListener } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.ts';
import { CMP_PAGES_DIR, serveCmpPages } from '../../src/bench/cmp-pages-server.ts';
import { runInit } from '../../src/init/run-init.ts';
import { TAGWATCH_BIN } from '../../src/package-paths.ts';
import type { Verdict } from '../../src/model/verdict.ts';
import { startLocalServer } from '../support/local-server.ts';
import { tempProject } from '../support/monitors.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/**
 * Two of the five consent managers from npm, each on a page of its own whose Meta pixel waits for
 * consent: tarteaucitron, whose buttons are wired late, and Klaro. What each of the five does under
 * each answer is tests/capture/consent/ (outcome-equals-stored, one file per manager); here it is
 * what a consent audit makes of pages and answers, so two pages are enough and cost a third of five.
 */
const PAGES = ['/pages/tarteaucitron.html', '/pages/klaro.html'];
/** Klaro's page with a Meta pixel that does not wait: it fires as the page loads, before any answer. */
const LEAKING = '/leaking/klaro.html';

/** The CMP pages, and the one leaking page: Klaro's page with a pixel in plain HTML. */
const site: RequestListener = (req, res) => {
  if (req.url?.split('?')[0] === LEAKING) {
    const html = readFileSync(join(CMP_PAGES_DIR, 'klaro.html'), 'utf8').replace('<body>', '<body>\n<img src="https://www.facebook.com/tr/?id=1&amp;ev=PageView&amp;cmp=none" alt="" width="1" height="1">');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    return;
  }
  serveCmpPages(req, res);
};

/**
 * A privacy team's nightly consent audit, as `tagwatch init --consent-audit` writes it: no order
 * source, the pages under accept / refuse / ignore, a verdict from the findings alone.
 */
describe('an order-free consent audit of pages with real consent managers', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  let project: string;
  let monitorFile: string;

  beforeAll(async () => {
    server = await startLocalServer(site);
    project = tempProject();
    const output = new PassThrough();
    const init = await runInit({ dir: project, url: server.url, name: 'consent', consentAudit: true, pages: PAGES.join(',') }, { input: new PassThrough(), output, interactive: false });
    monitorFile = join(project, init.monitorFile);
    // The scaffold imports 'tagwatch', as an installed project does; here that is the sources.
    for (const file of [init.monitorFile, ...init.scenarioFiles]) {
      const path = join(project, file);
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll("from 'tagwatch'", `from '${SRC}/index.ts'`));
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('passes when every tag waits for consent: no backend asked, no loss table, every page under every answer', { timeout: 400_000 }, async () => {
    let output = '';
    const { verdict, exitCode, runDir } = await runAudit({ monitorFile, outDir: join(project, 'reports'), write: (t) => (output += t) });
    const problems = verdict.findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.kind}: ${f.message}`);
    expect(problems, output).toEqual([]);
    expect(verdict.status).toBe('pass');
    expect(exitCode).toBe(0);
    expect(verdict.orderFree).toBe(true);
    expect(verdict.loss).toEqual([]);
    // Six page visits (two pages, three answers), each answered as its condition says, the decision the manager stored.
    expect(verdict.journeys.filter((j) => !j.supersededBy)).toHaveLength(PAGES.length * 3);
    for (const journey of verdict.journeys.filter((j) => !j.supersededBy)) {
      const expected = { 'consent-accepted': 'accepted', 'consent-refused': 'refused', 'consent-ignored': 'ignored' }[journey.condition];
      expect(`${journey.journeyId} ${journey.consent}`).toBe(`${journey.journeyId} ${expected}`);
      const pixels = journey.hits.filter((h) => h.vendor === 'meta');
      // The pixel fires once the visitor accepts, never otherwise.
      expect(`${journey.journeyId} ${pixels.length > 0}`).toBe(`${journey.journeyId} ${journey.condition === 'consent-accepted'}`);
    }
    expect(output).not.toMatch(/orders|loss rate/i);
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(html).not.toContain('id="loss"');
    // JUnit lists what was audited, one testcase per page and answer.
    const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(PAGES.length * 3);
    expect(junit).not.toContain('<failure');
  });

  it('fails when one page fires before consent, naming the page and the vendor', { timeout: 300_000 }, async () => {
    // Klaro's page leaking, beside a page that does not: only the leaking one is named.
    const pages = [LEAKING, '/pages/cookieconsent.html'];
    let output = '';
    const { verdict, exitCode, runDir } = await runAudit({
      monitorFile,
      outDir: join(project, 'reports'),
      write: (t) => (output += t),
      // The hardest case: the visitor accepts, so only the timing tells the leak from a consented hit.
      conditions: ['consent-accepted'],
      variants: { page: pages },
    });
    expect(verdict.status, output).toBe('fail');
    expect(exitCode).toBe(1);
    const errors = verdict.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.kind} ${f.vendor} ${f.journeyId}`)).toEqual([`fired-before-consent meta consent-accepted.consent-pages[page=${LEAKING}].r1`]);
    expect(errors[0]!.message).toContain(`on ${server.url}${LEAKING}`);
    expect(verdict.summary).toMatch(new RegExp(`fired-before-consent \\(meta\\).*${LEAKING.replaceAll('/', '\\/').replaceAll('.', '\\.')}`));
    expect(output).toMatch(/FAIL/);
    const stored = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as Verdict;
    expect(stored.findings.find((f) => f.kind === 'fired-before-consent')?.evidence).toMatchObject({ page: `${server.url}${LEAKING}` });

    // The history lists both runs with their verdicts: no loss rates to show, no "no vendor broke".
    const history = spawnSync(process.execPath, [TAGWATCH_BIN, 'history', '--out', join(project, 'reports')], { encoding: 'utf8' });
    expect(history.status, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/consent: 2 runs in /);
    expect(history.stdout).toMatch(/ pass +\d{8}-\d{6}-\w{4}\n.* fail +\d{8}-\d{6}-\w{4}/);
    expect(history.stdout).not.toMatch(/vendor broke/);
  });
});
