/**
 * What the alert policy decided for this run (src/report/): alert on state change, not on every
 * failing run. Reporters that notify people (Slack, e-mail) send only when there is one.
 */
export type AlertKind = 'failure' | 'recovery' | 'reminder';

export interface Alert {
  kind: AlertKind;
  monitor: string;
  runId: string;
  /** Failing runs in a row, this one included (0 for a recovery). */
  consecutiveFailures: number;
  /** Run id of the first failing run of the streak (failure and reminder), or of the streak that ended (recovery). */
  since?: string;
  /** Stable key of what broke (error finding kinds x vendor x condition): identical failures share it. */
  fingerprint: string;
  /** One line for a notification title, e.g. "ga4 purchase tracking broke on demo-shop". */
  headline: string;
}
