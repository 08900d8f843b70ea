/**
 * A counting semaphore shared by every warmer of an instance: at most `limit` warm fetches run at once, whichever
 * warmers run, so warming never takes more than its share of the database pool.
 */
export class WarmLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Most fetches seen running at once (for tests and the benchmark). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error('WarmLimiter needs a limit of at least 1');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same), else give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * Runs `fn` for every item through the limiter. Stops taking items once `signal` aborts and then rejects at once
 * with its reason, without waiting for fetches already running (their results are still safe to store). `fn`
 * handles its own errors.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limiter: WarmLimiter,
  signal: AbortSignal | undefined,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  signal?.throwIfAborted();
  const all = Promise.allSettled(
    items.map((item) =>
      limiter.run(async () => {
        signal?.throwIfAborted();
        await fn(item);
      }),
    ),
  );
  if (!signal) {
    await all;
    return;
  }
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([
      all,
      new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
  signal.throwIfAborted();
}
