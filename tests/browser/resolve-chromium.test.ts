import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, resolveChromium } from '../../src/browser/resolve-chromium.ts';
import { CHROMIUM_ARGS } from '../../src/browser/chromium-args.ts';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';

describe('browser resolution', () => {
  const fake = join(mkdtempSync(join(tmpdir(), 'tagwatch-chrome-')), 'chrome');
  writeFileSync(fake, '');

  it('an explicit path wins, then TAGWATCH_CHROMIUM', () => {
    expect(resolveChromium(fake, {})).toEqual({ executablePath: fake, source: 'explicit' });
    expect(resolveChromium(undefined, { TAGWATCH_CHROMIUM: fake })).toEqual({ executablePath: fake, source: 'env' });
  });

  it('a path that does not exist is a clear error naming both ways to get a browser', () => {
    const error = (() => {
      try {
        resolveChromium(undefined, { TAGWATCH_CHROMIUM: '/nowhere/chrome' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    expect(error!.message).toContain('TAGWATCH_CHROMIUM=/nowhere/chrome does not exist');
    expect(error!.message).toContain('npx playwright install chromium');
    expect(error!.message).toContain('apt-get install chromium');
  });

  it('without a choice it finds an installed Chromium, launched with closed-network and anti-automation flags', () => {
    const options = chromiumLaunchOptions();
    expect(options.executablePath).toBeTruthy();
    expect(options.args).toEqual(expect.arrayContaining([...CHROMIUM_ARGS, '--disable-blink-features=AutomationControlled']));
  });
});
