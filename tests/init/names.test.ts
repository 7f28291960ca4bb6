import { describe, expect, it } from 'vitest';
import { checkMonitorName, monitorNameFromUrl, packageNameFromFolder } from '../../src/init/names.ts';
import { parseShopUrl } from '../../src/init/shop-url.ts';
import { UserError } from '../../src/user-error.ts';

describe('the monitor name from the shop URL', () => {
  it.each([
    ['https://staging.my-shop.example', 'my-shop'],
    ['https://www.my-shop.example/', 'my-shop'],
    ['https://shop.acme.com/fr/', 'acme'],
    ['https://www.boutique-lyon.co.uk', 'boutique-lyon'],
    ['https://preview.acme.com.au', 'acme'],
    ['https://acme-store.myshopify.com', 'acme-store'],
    ['https://pr-12--acme.netlify.app', 'pr-12-acme'],
    ['https://acme.shop', 'acme'],
    ['http://localhost:3000', 'localhost'],
    ['http://127.0.0.1:8080', 'shop'],
    ['http://[::1]:8080', 'shop'],
    ['https://café.example', 'cafe'],
    ['https://xn--bcher-kva.example', 'bucher'],
    ['https://北京.example', 'shop'],
  ])('%s -> %s', (url, name) => {
    expect(monitorNameFromUrl(url)).toBe(name);
    expect(() => checkMonitorName(monitorNameFromUrl(url))).not.toThrow();
  });

  it('a name given with --name must be a valid monitor name', () => {
    expect(checkMonitorName('shop_fr.v2')).toBe('shop_fr.v2');
    expect(() => checkMonitorName('my shop')).toThrow(UserError);
    expect(() => checkMonitorName('-shop')).toThrow(/letters, digits, dot, dash or underscore/);
    expect(() => checkMonitorName('../shop')).toThrow(UserError);
  });
});

describe('the package name from the folder', () => {
  it.each([
    ['my-shop', 'my-shop'],
    ['My Shop Monitoring', 'my-shop-monitoring'],
    ['.hidden', 'hidden'],
    ['_tmp', 'tmp'],
    ['tagwatch-init-a1B2c3', 'tagwatch-init-a1b2c3'],
    ['Boutique été', 'boutique-ete'],
    ['北京', 'tagwatch-monitors'],
    ['!!!', 'tagwatch-monitors'],
    ['node_modules', 'tagwatch-monitors'],
  ])('%s -> %s', (folder, name) => {
    expect(packageNameFromFolder(folder)).toBe(name);
  });

  it('is at most 214 characters', () => {
    expect(packageNameFromFolder('a'.repeat(300))).toHaveLength(214);
  });
});

describe('the shop URL', () => {
  it('is an http(s) URL, the bare origin when it has no path', () => {
    expect(parseShopUrl(' https://staging.my-shop.example/ ')).toBe('https://staging.my-shop.example');
    expect(parseShopUrl('http://localhost:3000')).toBe('http://localhost:3000');
    expect(parseShopUrl('https://my-shop.example/fr/')).toBe('https://my-shop.example/fr/');
  });

  it('a bad URL is a clear error that says what to type', () => {
    expect(() => parseShopUrl('my-shop.example')).toThrow("'my-shop.example' is not a URL: give it with its scheme, did you mean https://my-shop.example?");
    expect(() => parseShopUrl('localhost:3000')).toThrow(/did you mean http:\/\/localhost:3000\?/);
    expect(() => parseShopUrl('not a url at all')).toThrow(/is not a URL: give it with its scheme, such as https:\/\//);
    expect(() => parseShopUrl('ftp://my-shop.example')).toThrow(/is not an http\(s\) URL/);
    expect(() => parseShopUrl('')).toThrow(/empty/);
    expect(() => parseShopUrl('https://admin:hunter2@my-shop.example')).toThrow(/leave credentials out/);
    expect(() => parseShopUrl('https://admin:hunter2@my-shop.example')).not.toThrow(/hunter2/);
    expect(() => parseShopUrl('ftp://x')).toThrow(UserError);
  });
});
