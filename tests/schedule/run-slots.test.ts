import { describe, expect, it } from 'vitest';
import { RunSlots } from '../../src/schedule/run-slots.ts';

describe('RunSlots', () => {
  it('grants up to its size, then serves waiters in order as slots free up', async () => {
    const slots = new RunSlots(2);
    expect(await slots.acquire()).toBe(true);
    expect(await slots.acquire()).toBe(true);
    const order: string[] = [];
    const third = slots.acquire().then((granted) => order.push(`third ${granted}`));
    const fourth = slots.acquire().then((granted) => order.push(`fourth ${granted}`));
    expect(slots.waiting).toBe(2);
    slots.release();
    await third;
    expect(order).toEqual(['third true']);
    expect(slots.busy).toBe(2);
    slots.release();
    await fourth;
    expect(order).toEqual(['third true', 'fourth true']);
    slots.release();
    slots.release();
    expect(slots.busy).toBe(0);
  });

  it('dropping the waiters answers them false and leaves busy slots alone', async () => {
    const slots = new RunSlots(1);
    await slots.acquire();
    const waiter = slots.acquire();
    slots.dropWaiting();
    expect(await waiter).toBe(false);
    expect(slots.busy).toBe(1);
    expect(slots.waiting).toBe(0);
  });
});
