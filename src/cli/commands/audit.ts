import { Command } from 'commander';
import { runAudit } from '../../audit/run-audit.ts';
import { observedFigures } from '../../audit/observed-figures.ts';
import type { ObservedFigure } from '../../model/gap.ts';
import { DEMO_FAULTS } from '../../demo-shop/index.ts';
import { commaList, observedRatios, positiveInt } from '../parse-options.ts';

export function auditCommand(): Command {
  return new Command('audit')
    // A bad option is bad input (exit 2), not a failed audit (exit 1): main.ts maps the thrown error.
    .exitOverride()
    .description('run the monitor\'s journeys, reconcile tag hits with backend orders, print the loss table (exit 0 pass, 1 fail, 2 inconclusive or bad input)')
    .argument('[monitor-file]', 'monitor file (default: the embedded demo shop)')
    .option('--conditions <list>', 'conditions to run, comma-separated (default: the monitor\'s)', commaList)
    .option('--repeat <n>', 'journeys per scenario and condition', positiveInt)
    .option('--out <dir>', 'report folder', 'reports')
    .option('--base-url <url>', 'audit another origin than the monitor\'s')
    .option('--demo-faults <list>', `faults for the embedded demo shop: ${DEMO_FAULTS.join(', ')}`, commaList)
    .option('--headed', 'show the browser')
    .option('--observed <list>', 'what the platforms report, as conversions / backend orders: ga4=0.78,meta=0.71 (explains the gap)', observedRatios)
    .option('--observed-file <csv>', 'the same from a CSV: vendor,backend_orders,platform_conversions or vendor,ratio')
    .action(async (monitorFile: string | undefined, options: { conditions?: string[]; repeat?: number; out: string; baseUrl?: string; demoFaults?: string[]; headed?: boolean; observed?: ObservedFigure[]; observedFile?: string }) => {
      const { exitCode } = await runAudit({
        monitorFile,
        conditions: options.conditions,
        repeat: options.repeat,
        outDir: options.out,
        baseUrl: options.baseUrl,
        demoFaults: options.demoFaults,
        headed: options.headed,
        observed: observedFigures(options.observed, options.observedFile),
      });
      process.exitCode = exitCode;
    });
}
