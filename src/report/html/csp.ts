import { createHash } from 'node:crypto';
import { escapeHtml } from './escape.ts';

/** CSP source for an inline element's exact text. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * A strict policy for a file that makes no request: only the inline scripts and styles whose
 * hashes it lists run, images only from data: URLs (screenshots are embedded), nothing else
 * loads, no form posts, no <base> to redirect relative links.
 */
export function cspMetaTag(inline: { scripts: string[]; styles: string[] }): string {
  const scripts = inline.scripts.map(hashSource).join(' ') || "'none'";
  const styles = inline.styles.map(hashSource).join(' ') || "'none'";
  const policy = [`default-src 'none'`, `script-src ${scripts}`, `style-src ${styles}`, `img-src data:`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  return `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">`;
}
