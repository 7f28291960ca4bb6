import type { FullResult, Reporter, TestCase, TestResult } from 'playwright/types/testReporter';

/**
 * One plain line per journey as it ends, so a terminal or a CI log shows progress without
 * Playwright's own summary (the audit prints its loss table after).
 */
export default class ProgressReporter implements Reporter {
  private done = 0;
  private total = 0;

  onBegin(_config: unknown, suite: { allTests(): TestCase[] }): void {
    this.total = suite.allTests().length;
    process.stdout.write(`Running ${this.total} journey${this.total === 1 ? '' : 's'}...\n`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // A failed attempt Playwright will run again (alerts.rerunFailedJourneys) is not a journey done.
    const willRetry = result.status !== 'passed' && result.status !== 'skipped' && result.retry < test.retries;
    if (!willRetry) this.done++;
    // Each journey is declared in a describe block `<condition[variant]> #<repeat>` (planned-journeys.ts).
    const planned = /^(.*) #(\d+)$/.exec(test.parent.title);
    const label = planned?.[1] ?? test.parent.project()?.name ?? '?';
    const repeat = planned?.[2] ?? String(test.repeatEachIndex + 1);
    const seconds = (result.duration / 1000).toFixed(1);
    const mark = result.status === 'passed' ? 'ok  ' : willRetry ? 'RETRY' : 'FAIL';
    const error = result.status === 'passed' ? '' : `  ${firstLine(result.error?.message)}`;
    const position = willRetry ? this.done + 1 : this.done;
    process.stdout.write(`  [${position}/${this.total}] ${mark} ${label} › ${test.title} #${repeat} (${seconds}s)${error}\n`);
  }

  onError(error: { message?: string }): void {
    process.stderr.write(`journey runner error: ${firstLine(error.message)}\n`);
  }

  onEnd(_result: FullResult): void {}

  printsToStdio(): boolean {
    return true;
  }
}

function firstLine(message: string | undefined): string {
  // Playwright colours its messages, and prefixes an error a fixture threw (a banner tagwatch could
  // not answer) with its class: a log file wants the plain sentence.
  return (message ?? 'unknown error').replace(/\u001b\[[0-9;]*m/g, '').replace(/^Error: /, '').split('\n')[0] ?? '';
}
