import { expect, it } from 'vitest';
import { wilsonInterval } from '../../src/reconcile/wilson.ts';

it('matches the textbook Wilson interval', () => {
  // 0 of 10: upper bound 0.2775 (z = 1.96).
  expect(wilsonInterval(0, 10)).toEqual([0, 0.2775]);
  // 5 of 10: [0.2366, 0.7634].
  expect(wilsonInterval(5, 10)).toEqual([0.2366, 0.7634]);
  expect(wilsonInterval(2, 2)![0]).toBeCloseTo(0.3424, 3);
  expect(wilsonInterval(0, 0)).toBeNull();
});
