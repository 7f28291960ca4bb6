import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface UPlotAssets {
  script: string;
  css: string;
}

let cached: UPlotAssets | undefined;

/**
 * uPlot's browser build and stylesheet, read from the installed package (a report makes no
 * request, to a CDN or anywhere): once per process, every report of a long-running process
 * shares them.
 */
export function uPlotAssets(): UPlotAssets {
  if (cached) return cached;
  const script = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  // Inlined as is: a closing tag inside would end the element early and show code as text.
  if (/<\/script|<!--/i.test(script) || /<\/style/i.test(css)) throw new Error('uplot/dist holds a closing tag: it cannot be inlined in the HTML report; check the installed uplot version');
  cached = { script, css };
  return cached;
}
