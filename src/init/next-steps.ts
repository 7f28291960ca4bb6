import type { ScaffoldResult } from './scaffold.ts';

/** Which monitor init wrote: of the user's shop, of the embedded demo shop, or a consent audit of pages. */
export type InitKind = 'shop' | 'demo' | 'consent-audit';

/** What to do after init, numbered, for the monitor it wrote. */
export function nextSteps(result: ScaffoldResult, kind: InitKind): string[] {
  const steps: string[] = [];
  const { monitorFile } = result;
  if (!result.hasTagwatch) steps.push('Install tagwatch in the project: npm i -D tagwatch');
  if (kind === 'demo') {
    steps.push('Install Chromium once: npx playwright install chromium');
    steps.push(`Run the first audit, on the embedded demo shop (it passes as is): npx tagwatch audit ${monitorFile}`);
    steps.push('Open reports/latest/report.html; then try a broken tag: npx tagwatch audit --help lists the demo shop\'s faults');
    steps.push("Your own shop: npx tagwatch init --url <your shop's URL> in another folder (these scenarios are the demo shop's)");
    return steps;
  }
  if (kind === 'consent-audit') {
    // No orders backend: nothing to set up but the browser.
    steps.push('Install Chromium once: npx playwright install chromium');
    steps.push(`Run the audit: npx tagwatch audit ${monitorFile} (each page under consent-accepted, consent-refused and consent-ignored)`);
    steps.push('Read the report in reports/latest/ (report.html): what each page fired before the visitor answered, after accepting, after refusing');
    steps.push(`Add your other pages to variants.page in ${monitorFile} (paths such as /pricing, no query string)`);
    steps.push('In CI: commit .github/workflows/tagwatch.yml (and package-lock.json: the workflow runs npm ci); it needs no secret');
    return steps;
  }
  steps.push(`Change the lines marked TODO(tagwatch) to your shop: the selectors in ${result.scenarioFiles.join(' and ')}, the vendors and the orders backend in ${monitorFile}`);
  steps.push(`Set the environment variables the monitor reads its credentials from (never written in a file): ${result.secretEnv.map((name) => `export ${name}=...`).join(', ')}`);
  steps.push('Install Chromium once: npx playwright install chromium');
  steps.push(`Try one journey, the browser visible: npx tagwatch audit ${monitorFile} --conditions baseline --headed`);
  steps.push(`Run the first audit: npx tagwatch audit ${monitorFile} (the report is in reports/latest/)`);
  const secrets = result.secretEnv.length === 1 ? `${result.secretEnv[0]} as a repository secret` : `${result.secretEnv.join(', ')} as repository secrets`;
  steps.push(`In CI: commit .github/workflows/tagwatch.yml (and package-lock.json: the workflow runs npm ci), add ${secrets}; before a release: npm run tagwatch:check -- --base-url <preview URL>`);
  return steps;
}
