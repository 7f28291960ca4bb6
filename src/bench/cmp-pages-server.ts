import { readFile } from 'node:fs/promises';
import type { RequestListener } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { PACKAGE_DIR } from '../package-paths.ts';

/**
 * The CMP test pages (tests/fixtures/cmp-pages) and the npm CMPs they load, served over HTTP:
 * the consent stress bench and the consent tests answer the same real banners.
 */

/** npm packages the pages load, served from node_modules as their tarballs ship them. */
const CMP_PACKAGES = new Set(['tarteaucitronjs', 'vanilla-cookieconsent', 'klaro', 'cookieconsent', 'orejime']);
export const CMP_PAGES_DIR = join(PACKAGE_DIR, 'tests', 'fixtures', 'cmp-pages');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** `/pages/<name>.html` from tests/fixtures/cmp-pages, `/vendor/<package>/<file>` from node_modules. */
export const serveCmpPages: RequestListener = (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const [, area, first, ...rest] = path.split('/');
  let file: string | undefined;
  if (area === 'pages' && first && rest.length === 0) file = inside(CMP_PAGES_DIR, first);
  else if (area === 'vendor' && first && CMP_PACKAGES.has(first)) file = inside(join(PACKAGE_DIR, 'node_modules', first), rest.join('/'));
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  readFile(file).then(
    (body) => res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
    () => res.writeHead(404).end(),
  );
};

function inside(dir: string, relative: string): string | undefined {
  const file = resolve(dir, relative);
  return file.startsWith(dir + sep) ? file : undefined;
}
