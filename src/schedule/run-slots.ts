/**
 * At most `size` runs at once (`--max-parallel`): each audit starts its own browsers, and a
 * small machine audits worse, not faster, when they pile up. Waiters are served in order.
 */
export class RunSlots {
  #busy = 0;
  readonly #waiting: Array<(granted: boolean) => void> = [];

  constructor(readonly size: number) {}

  /** Resolves true once a slot is free, false if the wait was dropped (stopping). */
  acquire(): Promise<boolean> {
    if (this.#busy < this.size) {
      this.#busy++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Frees a slot taken by acquire: the first waiter, if any, takes it over. */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next(true);
    else this.#busy--;
  }

  /** Every waiter gets false: nothing new starts. */
  dropWaiting(): void {
    for (const waiter of this.#waiting.splice(0)) waiter(false);
  }

  get busy(): number {
    return this.#busy;
  }

  get waiting(): number {
    return this.#waiting.length;
  }
}
