/**
 * Whether text a backend holds (an e-mail, a note, a meta field) carries a tagwatch run stamp:
 * the monitor's stamp e-mail with any stamp in it, or a bare stamp (`<run id>-<6 hex>`, run ids
 * being `YYYYMMDD-HHMMSS-xxxx`). Test orders are left out of the real orders of a period.
 */
export function testOrderMatcher(stampEmail: string): (text: string) => boolean {
  const bareStamp = /\b\d{8}-\d{6}-[0-9a-f]{4}-[0-9a-f]{6}\b/i;
  const [before, after] = stampEmail.split('{stamp}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const email = new RegExp(`${before}[A-Za-z0-9._-]+${after}`, 'i');
  return (text) => bareStamp.test(text) || email.test(text);
}
