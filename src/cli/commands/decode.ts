import { Command } from 'commander';
import { decodeRequest, loadVendors } from '../../catalog/index.ts';
import { UserError } from '../../user-error.ts';

export function decodeCommand(): Command {
  return new Command('decode')
    .description('decode one tag request into canonical vendor events (JSON)')
    .argument('<url>', 'the request URL')
    .option('--body <body>', 'request body (POST)')
    .option('--method <method>', 'HTTP method (default GET, POST when --body is given)')
    .action(async (url: string, options: { body?: string; method?: string }) => {
      try {
        new URL(url);
      } catch {
        throw new UserError(`'${url}' is not a URL. Pass the full request URL, quoted: tagwatch decode 'https://...'`);
      }
      const { vendors, diagnostics } = await loadVendors();
      const method = (options.method ?? (options.body !== undefined ? 'POST' : 'GET')).toUpperCase();
      const { events, errors } = decodeRequest({ url, method, body: options.body }, vendors);
      for (const line of [...diagnostics, ...errors]) process.stderr.write(`note: ${line}\n`);
      process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
      if (events.length === 0) process.stderr.write('No vendor recognised this request.\n');
    });
}
