import { groupOf } from './cache-key.js';
import { FAILED, type RedisTier } from './redis-tier.js';

/**
 * Generation numbers of invalidation groups as this instance knows them. An entry is tagged with its group's
 * generation when written and reads as a miss once the generation has moved on, so a group is invalidated in
 * O(1) by bumping its number in Redis. Numbers come from Redis and are kept current by the cache bus.
 */
export class GroupGenerations {
  private readonly known = new Map<string, number>();
  private readonly loads = new Map<string, Promise<number>>();

  constructor(private readonly tier: RedisTier | null) {}

  /** The generation of the key's group if known here (null: the key has no group; undefined: not known). */
  peek(key: string): number | null | undefined {
    const group = groupOf(key);
    return group ? this.known.get(group) : null;
  }

  /** The current generation of the key's group (null for keys without a group), read from Redis if unknown. */
  async of(key: string): Promise<number | null> {
    const group = groupOf(key);
    if (!group) return null;
    return this.known.get(group) ?? (await this.load(group));
  }

  /** Numbers this instance just got from its own bump in Redis. */
  bumped(pairs: [string, number][]): void {
    for (const [group, n] of pairs) this.known.set(group, n);
  }

  /** Numbers another instance published: only a newer one counts. */
  heard(pairs: [string, number][]): void {
    for (const [group, n] of pairs) if (n > (this.known.get(group) ?? -1)) this.known.set(group, n);
  }

  /** Redis is down: the groups' entries here must read as misses until Redis answers again. */
  bumpLocally(groups: string[]): void {
    if (this.tier) this.known.clear();
    for (const g of groups) this.known.set(g, (this.known.get(g) ?? 0) + 1);
  }

  /** Forget every known number (they are read again from Redis). */
  forget(): void {
    this.known.clear();
  }

  private load(group: string): Promise<number> {
    let pending = this.loads.get(group);
    if (!pending) {
      pending = this.read(group).finally(() => this.loads.delete(group));
      this.loads.set(group, pending);
    }
    return pending;
  }

  private async read(group: string): Promise<number> {
    if (!this.tier) {
      const value = this.known.get(group) ?? 0;
      this.known.set(group, value);
      return value;
    }
    const values = await this.tier.generations([group]);
    if (values === FAILED) return this.known.get(group) ?? 0;
    // A bump may have arrived while we asked: keep the larger.
    const value = Math.max(values[0], this.known.get(group) ?? 0);
    this.known.set(group, value);
    return value;
  }
}
