import { Command } from 'commander';
import { DEMO_FAULTS, parseFaults, type DemoFault } from '../../demo-shop/faults.ts';
import { UserError } from '../../user-error.ts';
import { join } from 'node:path';
import { commaList, port } from '../parse-options.ts';

/** The run folder of the audit that started this command as its site's web server. */
const RUN_DIR_ENV = 'TAGWATCH_RUN_DIR';

/**
 * Fault switches from the environment, on top of --faults: how `tagwatch audit --demo-faults`
 * reaches the shop when the demo monitor starts it as its web server (`tagwatch demo-shop`).
 */
export const DEMO_FAULTS_ENV = 'TAGWATCH_DEMO_FAULTS';

export function demoShopCommand(): Command {
  return new Command('demo-shop')
    .description('serve the embedded demo shop on loopback until Ctrl-C')
    .option('--port <n>', 'shop port (0 = any free port)', port, 0)
    .option('--orders-port <n>', 'orders API port (0 = any free port)', port, 0)
    .option('--faults <list>', `fault switches (also from env ${DEMO_FAULTS_ENV}): ${DEMO_FAULTS.join(', ')}`, commaList)
    .option('--consent-mode <mode>', 'Google consent mode: basic or advanced', 'advanced')
    .option('--data-dir <dir>', 'where orders are stored (default: <TAGWATCH_RUN_DIR>/demo-shop when an audit starts the shop, else a temporary folder)')
    .action(async (options: { port: number; ordersPort: number; faults?: string[]; consentMode: string; dataDir?: string }) => {
      const faults = [...new Set([...faultsFrom(process.env[DEMO_FAULTS_ENV], DEMO_FAULTS_ENV), ...faultsFrom(options.faults, '--faults')])];
      if (options.consentMode !== 'basic' && options.consentMode !== 'advanced') {
        throw new UserError(`--consent-mode: '${options.consentMode}' is not basic or advanced`);
      }
      const { startDemoShop } = await import('../../demo-shop/index.ts');
      // Started as an audit's web server: the shop's orders are part of that run's record.
      const runDir = process.env[RUN_DIR_ENV];
      const dataDir = options.dataDir ?? (runDir ? join(runDir, 'demo-shop') : undefined);
      const shop = await startDemoShop({ port: options.port, ordersPort: options.ordersPort, faults, consentMode: options.consentMode, dataDir });
      process.stdout.write(`demo shop: ${shop.url}\norders API: ${shop.url}/api/orders (also ${shop.ordersUrl}/api/orders)\norders stored in: ${shop.dataDir}\nfaults: ${faults.join(', ') || 'none'}\n`);
      const stop = async () => {
        await shop.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

function faultsFrom(value: string | string[] | undefined, source: string): DemoFault[] {
  try {
    return parseFaults(value);
  } catch (error) {
    throw new UserError(`${source}: ${(error as Error).message}`);
  }
}
