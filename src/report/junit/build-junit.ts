import type { Monitor } from '../../monitor/schema.ts';
import type { Delivery, Finding, LossRow, Verdict } from '../../model/verdict.ts';
import { deliveryChannels, otherDeliveryProblems } from '../delivery.ts';
import { xmlDocument, type XmlNode } from './xml.ts';

export interface JunitInput {
  /** The judged verdict: each loss row carries its threshold (maxLossRate) and whether it is over it. */
  verdict: Verdict;
  /** The monitor's expectations, for the event name in each test name. */
  expect: Monitor['expect'];
}

/** Suite of the findings no condition owns (site or backend unreachable, plugin errors), and of the run's diagnostics. */
export const RUN_SUITE = 'run';
/** Suite of the alert channels: one testcase per channel that sent or failed to send the run's alert. */
export const NOTIFICATIONS_SUITE = 'notifications';

/**
 * The verdict as JUnit XML, for CI dashboards: one testsuite per condition, one testcase per
 * vendor x condition expectation (failed over its threshold, skipped when unmeasured) and one per
 * error finding; a `notifications` suite with a testcase per alert channel (failed when the alert
 * did not reach it); the run's diagnostics in the `run` suite's system-err.
 */
export function buildJunit(input: JunitInput): string {
  const { verdict } = input;
  const cases = new Map<string, XmlNode[]>();
  const suite = (condition: string) => {
    if (!cases.has(condition)) cases.set(condition, []);
    return cases.get(condition)!;
  };
  for (const row of verdict.loss) suite(row.condition).push(lossCase(row, input));
  // An order-free audit has no loss rows: each journey (a page under a condition) is a testcase, so a passing run still lists what it audited.
  if (verdict.orderFree) for (const journey of verdict.journeys.filter((j) => !j.supersededBy)) suite(journey.condition).push(journeyCase(journey, verdict));
  const names = new Map<string, number>();
  for (const finding of verdict.findings.filter((f) => f.severity === 'error')) {
    const condition = finding.condition ?? RUN_SUITE;
    // Two findings of one kind, vendor and order would share a name: CI tools merge such cases.
    const base = findingCaseName(finding);
    const seen = (names.get(`${condition}\u0000${base}`) ?? 0) + 1;
    names.set(`${condition}\u0000${base}`, seen);
    suite(condition).push(findingCase(finding, seen > 1 ? `${base} #${seen}` : base, classname(verdict, condition)));
  }
  if (verdict.delivery) {
    const channels = deliveryCases(verdict, verdict.delivery);
    if (channels.length) suite(NOTIFICATIONS_SUITE).push(...channels);
  }
  const notes = [...verdict.diagnostics, ...(verdict.delivery ? otherDeliveryProblems(verdict.delivery) : []).filter((p) => !verdict.diagnostics.includes(p))];
  if (notes.length) suite(RUN_SUITE);

  const properties: XmlNode = {
    name: 'properties',
    children: [
      property('run-id', verdict.runId),
      property('monitor', verdict.monitor),
      property('base-url', verdict.baseUrl),
      property('verdict', verdict.status),
      property('summary', verdict.summary),
    ],
  };
  const suites = [...cases].map(([condition, testcases]): XmlNode => ({
    name: 'testsuite',
    attributes: { name: condition, ...counts(testcases), timestamp: verdict.startedAt },
    children: [properties, ...testcases, ...(condition === RUN_SUITE && notes.length ? [{ name: 'system-err', text: notes.join('\n') }] : [])],
  }));
  const all = [...cases.values()].flat();
  const seconds = (Date.parse(verdict.finishedAt) - Date.parse(verdict.startedAt)) / 1000;
  return xmlDocument({
    name: 'testsuites',
    attributes: { name: `tagwatch ${verdict.monitor}`, ...counts(all), time: Number.isFinite(seconds) ? seconds.toFixed(3) : undefined },
    children: suites,
  });
}

function lossCase(row: LossRow, { verdict, expect }: JunitInput): XmlNode {
  const event = expect[row.vendor]?.eventName ?? 'purchase';
  const attributes = { name: `${row.vendor} ${event} under ${row.condition}`, classname: classname(verdict, row.condition) };
  if (row.lossRate === null || !row.orders) {
    return { name: 'testcase', attributes, children: [{ name: 'skipped', attributes: { message: unmeasuredReason(row, verdict) } }] };
  }
  // The judge set the threshold and whether the row is over it: read, never worked out again here.
  const threshold = row.maxLossRate;
  const interval = row.ci95 ? `, 95% CI ${rate(row.ci95[0])}–${rate(row.ci95[1])}` : '';
  const figures = `${row.vendor} lost ${row.lost} of ${row.orders} orders under ${row.condition}: loss ${rate(row.lossRate)}${interval}`;
  if (row.overThreshold !== true) {
    return { name: 'testcase', attributes, children: [{ name: 'system-out', text: threshold === undefined ? figures : `${figures}; threshold ${rate(threshold)}` }] };
  }
  const lost = verdict.journeys.filter((j) => j.condition === row.condition && j.vendors[row.vendor] === 'lost');
  const details = lost.map((j) => `order ${j.orderId ?? '?'} (journey ${j.journeyId}): ${j.lossCauses[row.vendor] ?? 'no purchase hit'}`);
  return {
    name: 'testcase',
    attributes,
    children: [
      {
        name: 'failure',
        attributes: { message: `${figures}, above ${threshold === undefined ? 'its' : `the ${rate(threshold)}`} threshold`, type: 'loss-over-threshold' },
        text: details.length ? `Lost orders:\n${details.join('\n')}` : figures,
      },
    ],
  };
}

/** One audited page visit of an order-free audit: passed, or skipped when it did not finish (its error findings are testcases of their own). */
function journeyCase(journey: Verdict['journeys'][number], verdict: Verdict): XmlNode {
  const attributes = { name: journey.journeyId, classname: classname(verdict, journey.condition) };
  if (journey.status !== 'passed') {
    return { name: 'testcase', attributes, children: [{ name: 'skipped', attributes: { message: `not audited: ${journey.status}${journey.error ? ` (${journey.error})` : ''}` } }] };
  }
  const vendors = [...new Set(journey.hits.filter((h) => h.status !== 'blocked').map((h) => h.vendor))];
  const text = `consent ${journey.consent ?? 'not recorded'}; ${vendors.length ? `hits from ${vendors.join(', ')}` : 'no tag hit'}`;
  return { name: 'testcase', attributes, children: [{ name: 'system-out', text }] };
}

/** A testcase per alert channel: failed with the channel's reason when the alert did not reach it. */
function deliveryCases(verdict: Verdict, delivery: Delivery): XmlNode[] {
  const kind = verdict.alert?.alert?.kind ?? 'run';
  return deliveryChannels(delivery).map(({ channel, outcome, problems }): XmlNode => {
    const attributes = { name: `${kind} alert via ${channel}`, classname: classname(verdict, NOTIFICATIONS_SUITE) };
    if (outcome === 'sent') {
      const text = problems.length ? `sent; but ${problems.join('; ')}` : 'sent';
      return { name: 'testcase', attributes, children: [{ name: 'system-out', text }] };
    }
    const message = problems.length ? problems.join('; ') : `the ${kind} alert did not reach ${channel}`;
    return { name: 'testcase', attributes, children: [{ name: 'failure', attributes: { message, type: 'alert-not-delivered' }, text: message }] };
  });
}

function findingCase(finding: Finding, name: string, className: string): XmlNode {
  const evidence = finding.evidence ? `\n\nEvidence:\n${json(finding.evidence)}` : '';
  return {
    name: 'testcase',
    attributes: { name, classname: className },
    children: [{ name: 'failure', attributes: { message: finding.message, type: finding.kind }, text: `${finding.message}${evidence}` }],
  };
}

function findingCaseName(finding: Finding): string {
  return [finding.kind, finding.vendor, finding.orderId === undefined ? undefined : `order ${finding.orderId}`].filter(Boolean).join(' ');
}

/** Why a row has no loss rate, in the words a CI log reader needs to act on it. */
function unmeasuredReason(row: LossRow, verdict: Verdict): string {
  if (row.orders === null) {
    const cause = verdict.findings.find((f) => f.kind === 'site-unreachable' || f.kind === 'backend-unreachable' || f.kind === 'orders-not-found');
    return `not measured: ${cause ? cause.message : 'the backend orders could not be read'}`;
  }
  const journeys = verdict.journeys.filter((j) => j.condition === row.condition);
  if (journeys.length === 0) return `not measured: no journey ran under ${row.condition}`;
  const failed = journeys.filter((j) => j.status !== 'passed');
  const noOrder = journeys.filter((j) => j.status === 'passed' && !j.orderId);
  const notInBackend = journeys.filter((j) => j.status === 'passed' && j.orderId && j.orderInBackend === false);
  const parts = [
    failed.length ? `${failed.length} failed${failed[0]!.error ? ` (${failed[0]!.error})` : ''}` : '',
    noOrder.length ? `${noOrder.length} without an order number` : '',
    notInBackend.length ? `${notInBackend.length} with an order not found in the backend` : '',
  ].filter(Boolean);
  const plural = journeys.length === 1 ? 'journey' : 'journeys';
  return `not measured: none of the ${journeys.length} ${plural} under ${row.condition} produced an order found in the backend${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function counts(testcases: XmlNode[]) {
  const has = (testcase: XmlNode, child: string) => testcase.children?.some((c) => c.name === child) ?? false;
  return {
    tests: testcases.length,
    failures: testcases.filter((t) => has(t, 'failure')).length,
    errors: 0,
    skipped: testcases.filter((t) => has(t, 'skipped')).length,
  };
}

function classname(verdict: Verdict, condition: string): string {
  return `tagwatch.${verdict.monitor}.${condition}`;
}

function property(name: string, value: string): XmlNode {
  return { name: 'property', attributes: { name, value } };
}

/** 0.05 -> "5%", 0.333 -> "33.3%": thresholds are often set below a whole percent. */
function rate(value: number): string {
  return `${Number((value * 100).toFixed(1))}%`;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}
