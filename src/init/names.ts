import { domainToUnicode } from 'node:url';
import { UserError } from '../user-error.ts';

/** What the monitor schema accepts as a name (it is also the monitor's file name). */
const MONITOR_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/** Checks a name given with --name. */
export function checkMonitorName(name: string): string {
  if (!MONITOR_NAME.test(name)) {
    throw new UserError(`--name '${name}' is not a monitor name: letters, digits, dot, dash or underscore, starting with a letter or digit (such as my-shop)`);
  }
  return name;
}

/** Public suffixes of two labels, where the brand is the third label from the end (shop.example.co.uk). */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or', 'gv', 'ltd', 'plc']);

/** Hosting platforms whose subdomain is the shop (acme.myshopify.com, acme.netlify.app). */
const PLATFORMS = [
  'myshopify.com', 'vercel.app', 'netlify.app', 'pages.dev', 'herokuapp.com', 'github.io', 'web.app',
  'firebaseapp.com', 'onrender.com', 'fly.dev', 'azurewebsites.net', 'wpengine.com', 'wpcomstaging.com',
  'kinsta.cloud', 'mystagingwebsite.com', 'myshopware.com', 'bigcommerce.com', 'mybigcommerce.com', 'wixsite.com',
];

/**
 * A readable monitor name from the shop's URL: the label before the public suffix, the brand
 * (`https://staging.my-shop.example` -> `my-shop`, `https://www.shop.example.co.uk` -> `example`,
 * `https://acme.myshopify.com` -> `acme`, `https://café.example` -> `cafe`); `shop` for an IP address.
 */
export function monitorNameFromUrl(shopUrl: string): string {
  const host = domainToUnicode(new URL(shopUrl).hostname).toLowerCase().replace(/\.$/, '') || new URL(shopUrl).hostname;
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return 'shop';
  const platform = PLATFORMS.find((suffix) => host.endsWith(`.${suffix}`));
  let labels = host.split('.');
  if (platform) {
    labels = host.slice(0, -platform.length - 1).split('.');
  } else if (labels.length > 1) {
    labels = labels.slice(0, -1);
    const last = host.split('.').at(-1)!;
    if (labels.length > 1 && last.length === 2 && SECOND_LEVEL.has(labels.at(-1)!)) labels = labels.slice(0, -1);
  }
  return sanitize(labels.at(-1) ?? '', /[^a-z0-9._-]+/g) || 'shop';
}

/** An npm-valid package name from a folder's name (lower case, URL-safe, at most 214 characters). */
export function packageNameFromFolder(folder: string): string {
  const name = sanitize(folder.toLowerCase(), /[^a-z0-9._~-]+/g).slice(0, 214).replace(/[._~-]+$/, '');
  return name && name !== 'node_modules' && name !== 'favicon.ico' ? name : 'tagwatch-monitors';
}

function sanitize(text: string, invalid: RegExp): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // café -> cafe
    .toLowerCase()
    .replace(invalid, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[._~-]+/, '')
    .replace(/-+$/, '');
}
