import { describe, expect, it } from 'vitest';
import { parseFaults, startDemoShop } from '../../src/demo-shop/index.ts';
import { UNPLANNED_CLARITY_PROJECT } from '../../src/demo-shop/html.ts';
import { closeShop, Jar, placeOrder, request } from './http-helpers.ts';

const CLARITY_LOADER = 't.src="https://www.clarity.ms/tag/"+i';

describe('unplanned-tracker', () => {
  it('is a known fault', () => {
    expect(parseFaults('unplanned-tracker')).toEqual(['unplanned-tracker']);
  });

  it("puts Clarity's install snippet in the header of every page, banner or not; a clean shop has none", async () => {
    const [faulty, clean] = await Promise.all([startDemoShop({ faults: ['unplanned-tracker'] }), startDemoShop()]);
    try {
      const jar = new Jar();
      const { orderId } = await placeOrder(faulty, { jar });
      for (const path of ['/', '/product/organic-cotton-t-shirt', '/cart', `/order/${orderId}`]) {
        const response = await request(faulty, path, jar);
        expect(response.status, path).toBe(200);
        const page = await response.text();
        const head = page.slice(0, page.indexOf('</head>'));
        expect(head, path).toContain(CLARITY_LOADER);
        expect(head, path).toContain(`(window, document, "clarity", "script", "${UNPLANNED_CLARITY_PROJECT}")`);
      }
      expect(await (await request(clean, '/', new Jar())).text()).not.toContain('clarity');
    } finally {
      await Promise.all([closeShop(faulty), closeShop(clean)]);
    }
  });
});
