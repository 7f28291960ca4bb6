import { Command } from 'commander';
import { DEMO_FAULTS, parseFaults, startDemoShop } from '../../demo-shop/index.ts';
import { UserError } from '../../user-error.ts';
import { commaList, port } from '../parse-options.ts';

export function demoShopCommand(): Command {
  return new Command('demo-shop')
    .description('serve the embedded demo shop on loopback until Ctrl-C')
    .option('--port <n>', 'shop port (0 = any free port)', port, 0)
    .option('--orders-port <n>', 'orders API port (0 = any free port)', port, 0)
    .option('--faults <list>', `fault switches: ${DEMO_FAULTS.join(', ')}`, commaList)
    .option('--consent-mode <mode>', 'Google consent mode: basic or advanced', 'advanced')
    .option('--data-dir <dir>', 'where orders are stored (default: a temporary folder)')
    .action(async (options: { port: number; ordersPort: number; faults?: string[]; consentMode: string; dataDir?: string }) => {
      let faults;
      try {
        faults = parseFaults(options.faults ?? []);
      } catch (error) {
        throw new UserError(`--faults: ${(error as Error).message}`);
      }
      if (options.consentMode !== 'basic' && options.consentMode !== 'advanced') {
        throw new UserError(`--consent-mode: '${options.consentMode}' is not basic or advanced`);
      }
      const shop = await startDemoShop({ port: options.port, ordersPort: options.ordersPort, faults, consentMode: options.consentMode, dataDir: options.dataDir });
      process.stdout.write(`demo shop: ${shop.url}\norders API: ${shop.ordersUrl}/api/orders\norders stored in: ${shop.dataDir}\nfaults: ${faults.join(', ') || 'none'}\n`);
      const stop = async () => {
        await shop.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
