import { pathToFileURL } from 'node:url';

/**
 * The default export of a user's TypeScript file. Outside an ESM package (no "type": "module")
 * the file is compiled as CommonJS and Node hands back `{ default: { default: value } }`: unwrap it.
 */
export async function importDefault(path: string): Promise<unknown> {
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  let value = module.default;
  if (value && typeof value === 'object' && Object.keys(value).length === 1 && 'default' in value) {
    value = (value as { default: unknown }).default;
  }
  return value;
}
