import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright';
import { CollectorRunner, type Collector, type CollectorFailure } from '../../src/capture/collectors/collector.ts';

// The runner never touches the browser or contexts itself: it hands them to the collectors.
const browser = {} as Browser;
const context = {} as BrowserContext;
const journey = { id: 'baseline.purchase.r1', context };

/** A collector that records its calls and throws in the hooks named. */
function collector(name: string, calls: string[], throwsIn: string[] = [], extra: Partial<Collector> = {}): Collector {
  // Typed loosely: each stands for a hook of its own signature.
  const hook = (hookName: string, result?: unknown): (() => never) => (() => {
    calls.push(`${name}.${hookName}`);
    if (throwsIn.includes(hookName)) throw new Error(`${name} broke in ${hookName}\nsecond line`);
    return result;
  }) as () => never;
  return {
    name,
    attach: hook('attach'),
    contextOptions: hook('contextOptions', { locale: name }),
    addContext: hook('addContext'),
    beforeJourney: hook('beforeJourney'),
    beforeDevicesClose: hook('beforeDevicesClose'),
    afterJourney: hook('afterJourney', { networkHosts: { [`${name}.example`]: 1 } }),
    afterContextClose: hook('afterContextClose'),
    detach: hook('detach'),
    ...extra,
  };
}

describe('CollectorRunner', () => {
  it('runs every hook of every collector in order; one that throws is reported and the others still run', async () => {
    const calls: string[] = [];
    const failures: CollectorFailure[] = [];
    const runner = new CollectorRunner([collector('a', calls), collector('b', calls, ['addContext', 'afterJourney', 'detach']), collector('c', calls)], (f) => failures.push(f));

    expect(await runner.attach(browser)).toEqual([]);
    expect(await runner.contextOptions(journey.id)).toEqual({ locale: 'c' });
    await runner.addContext(context, journey);
    expect(await runner.beforeJourney(journey)).toEqual([]);
    await runner.beforeDevicesClose([context], journey, true);
    expect(await runner.afterJourney(journey, 'passed')).toEqual({ networkHosts: { 'c.example': 1 } });
    await runner.afterContextClose(journey.id, true);
    await runner.detach();

    const hooks = ['attach', 'contextOptions', 'addContext', 'beforeJourney', 'beforeDevicesClose', 'afterJourney', 'afterContextClose', 'detach'];
    expect(calls).toEqual(hooks.flatMap((hook) => ['a', 'b', 'c'].map((name) => `${name}.${hook}`)));
    expect(failures).toEqual([
      { collector: 'b', hook: 'addContext', journeyId: journey.id, message: 'b broke in addContext', required: false },
      { collector: 'b', hook: 'afterJourney', journeyId: journey.id, message: 'b broke in afterJourney', required: false },
      { collector: 'b', hook: 'detach', message: 'b broke in detach', required: false },
    ]);
  });

  it('a collector that cannot attach takes no further part; a required one is returned as the reason journeys cannot be measured', async () => {
    const calls: string[] = [];
    const failures: CollectorFailure[] = [];
    const runner = new CollectorRunner(
      [collector('network', calls, ['attach'], { required: true }), collector('datalayer', calls, ['attach']), collector('artifacts', calls)],
      (f) => failures.push(f),
    );
    const unavailable = await runner.attach(browser);
    expect(unavailable).toEqual([{ collector: 'network', hook: 'attach', message: 'network broke in attach', required: true }]);
    expect(failures.map((f) => f.collector)).toEqual(['network', 'datalayer']);
    calls.length = 0;
    await runner.addContext(context, journey);
    await runner.detach();
    expect(calls).toEqual(['artifacts.addContext', 'artifacts.detach']);
  });

  it('a required collector failing to start a journey is returned too; an optional one is only reported', async () => {
    const failures: CollectorFailure[] = [];
    const runner = new CollectorRunner([collector('network', [], ['beforeJourney'], { required: true }), collector('consent', [], ['beforeJourney'])], (f) => failures.push(f));
    expect((await runner.beforeJourney(journey)).map((f) => f.collector)).toEqual(['network']);
    expect(failures.map((f) => f.collector)).toEqual(['network', 'consent']);
  });

  it('hooks a collector does not have are skipped; async hooks are awaited; a throwing reporter breaks nothing', async () => {
    const order: string[] = [];
    const slow: Collector = {
      name: 'slow',
      async addContext() {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push('slow');
      },
    };
    const rejects: Collector = {
      name: 'rejects',
      addContext: () => Promise.reject('not an Error'),
    };
    const runner = new CollectorRunner([{ name: 'empty' }, slow, rejects, { name: 'after', addContext: () => void order.push('after') }], () => {
      throw new Error('reporter down');
    });
    await runner.addContext(context, journey);
    expect(order).toEqual(['slow', 'after']);
    expect(await runner.afterJourney(journey, 'failed')).toEqual({});
  });
});
