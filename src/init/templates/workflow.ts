/**
 * The nightly audit as a GitHub Actions workflow, in the style of tagwatch's release-check
 * example (docs/ci/): same actions, same history cache the release check reads its baseline from.
 */
export function workflowTemplate({ monitorFile, secretEnv, orderFree = false }: { monitorFile: string; secretEnv: string[]; orderFree?: boolean }): string {
  const env = secretEnv.length
    ? `    env:
      # tagwatch reads credentials only from the environment: the monitor names the variables, never
      # the values. Store them as repository secrets (Settings > Secrets and variables > Actions).
${secretEnv.map((name) => `      ${name}: \${{ secrets.${name} }}`).join('\n')}
      # Alerts, when the monitor has them: SLACK_BOT_TOKEN: \${{ secrets.SLACK_BOT_TOKEN }}
`
    : orderFree
      ? `    # A consent audit needs no credentials: no orders backend. Alerts, when the monitor has them, read
    # theirs from the environment; store them as repository secrets and pass them:
    # env:
    #   SLACK_BOT_TOKEN: \${{ secrets.SLACK_BOT_TOKEN }}
`
      : `    # tagwatch reads credentials only from the environment: the monitor names the variables, never
    # the values. The demo shop needs none; for a real shop store them as repository secrets and pass them:
    # env:
    #   SHOP_ORDERS_TOKEN: \${{ secrets.SHOP_ORDERS_TOKEN }}
`;
  // What the audit checks and when it fails: purchases against orders, or the pages' tags against consent.
  const checks = orderFree
    ? `# Nightly consent audit: runs the journeys of ${monitorFile} in headless Chromium, each page
# visited by a new visitor who accepts, refuses or ignores the consent banner, and captures every
# tag they fire. Fails on an error finding, such as a marketing tag fired before consent or after a
# refusal (exit 1), or when a page could not be audited (exit 2);`
    : `# Nightly tracking audit: runs the journeys of ${monitorFile} in headless Chromium, captures
# every tag they fire and reconciles the purchases with the orders in the backend. Fails when a
# vendor lost purchases beyond the monitor's thresholds (exit 1) or the run was inconclusive (exit 2);`;
  const concurrency = orderFree
    ? '# One audit at a time: two would share the run history.'
    : '# One audit at a time: their test orders would land in the same backend window.';
  return `${checks}
# the reports (results.json, report.html, failure screenshots and traces) are an artifact of the run.
# Written by \`tagwatch init\`.
#
# The release gate for preview deploys, \`tagwatch check --base-url <preview>\`, compares with the
# history this workflow keeps in the cache: see docs/ci/ in tagwatch's repository.
name: tagwatch audit

on:
  schedule:
    # Every night at 03:17 UTC (GitHub delays runs scheduled on the hour). Runs on the default branch.
    - cron: '17 3 * * *'
  workflow_dispatch:

permissions:
  contents: read

${concurrency}
concurrency:
  group: tagwatch-audit
  cancel-in-progress: false

jobs:
  audit:
    runs-on: ubuntu-latest
    timeout-minutes: 30
${env}    steps:
      - uses: actions/checkout@v4

      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm

      - run: npm ci

      - name: Chromium
        run: npx playwright install --with-deps chromium

      # The run history (reports/history.json): what \`tagwatch history\` shows, the baseline a
      # failing run is compared with, and the one \`tagwatch check\` compares preview deploys with.
      - name: Restore the run history
        uses: actions/cache/restore@v4
        with:
          path: reports/history.json
          key: tagwatch-history-\${{ github.run_id }}
          restore-keys: tagwatch-history-

      - name: tagwatch audit
        run: npx tagwatch audit ${monitorFile} --out reports

      - name: Save the run history
        if: always()
        uses: actions/cache/save@v4
        with:
          path: reports/history.json
          key: tagwatch-history-\${{ github.run_id }}

      - name: Upload the reports
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: tagwatch-reports-\${{ github.run_id }}
          path: reports/
          if-no-files-found: ignore
`;
}
