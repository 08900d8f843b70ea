import { randomUUID } from 'node:crypto';
import type { Found } from './cache-entries.js';
import type { RedisTier } from './redis-tier.js';

/** How long one instance may hold a key's fetch lease; others wait at most this long before fetching. */
const LEASE_TTL_MS = 5_000;
const LEASE_POLL_MS = 15;

export interface HeldLease {
  /** Another instance's result, found in Redis while waiting: no fetch needed. */
  found: Found | null;
  release(): void;
}

/**
 * The fetch lease of a key across instances (SET NX PX with a random token): one instance fetches a missing key,
 * the others wait, bounded, for its result to land in Redis. Without Redis every instance fetches for itself.
 */
export class FetchLease {
  constructor(private readonly tier: RedisTier | null) {}

  async acquire(
    key: string,
    invalidated: () => boolean,
    lookForResult: () => Promise<Found | null>,
  ): Promise<HeldLease> {
    const none: HeldLease = { found: null, release: () => undefined };
    const tier = this.tier;
    if (!tier?.available) return none;
    const token = randomUUID();
    let leased = await tier.acquireLease(key, token, LEASE_TTL_MS);
    // Another instance is fetching: wait (bounded) for its result to land in Redis. If its lease goes
    // without a result (its fetch failed or was invalidated), take the lease and fetch here.
    const deadline = Date.now() + LEASE_TTL_MS;
    while (leased === false && Date.now() < deadline && tier.available && !invalidated()) {
      await sleep(LEASE_POLL_MS);
      const found = await lookForResult();
      if (found) return { found, release: () => undefined };
      leased = await tier.acquireLease(key, token, LEASE_TTL_MS);
    }
    if (leased !== true) return none;
    return { found: null, release: () => void tier.releaseLease(key, token) };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
