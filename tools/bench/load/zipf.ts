/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few leagues, users and symbols get most of
 * the traffic, as in real use. `random` is a uniform source in [0, 1) (the demo data's seeded one makes runs repeatable).
 */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(
    n: number,
    private readonly random: () => number,
    s = 1,
  ) {
    if (n < 1) throw new Error('Zipf needs at least one item');
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) this.cumulative[k] = total += 1 / (k + 1) ** s;
    for (let k = 0; k < n; k++) this.cumulative[k] /= total;
  }

  /** A rank: binary search of the cumulative distribution. */
  next(): number {
    const u = this.random();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** One of `items`, the first the most likely. */
  pick<T>(items: readonly T[]): T {
    return items[this.next()];
  }
}
