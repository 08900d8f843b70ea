import { randomUUID } from 'node:crypto';
import type { Found, L2Write } from './cache-entries.js';
import type { RedisTier } from './redis-tier.js';

const LEASE_POLL_MS = 15;
/** Polling slows down once a fetch has run longer than one lease period (slow queries). */
const SLOW_POLL_MS = 100;
/** Waiting for another instance's fetch ends after this many lease periods, however long it still runs. */
const MAX_WAIT_LEASES = 6;

export interface HeldLease {
  /** Another instance's result, found in Redis while waiting: no fetch needed. */
  found: Found | null;
  /**
   * Where the result goes besides L1: Redis while this instance still holds the lease; Redis as it is when the
   * lease could not be asked for (Redis failing: the write most likely fails too); nowhere when another
   * instance's fetch outlasted the wait (that one stores).
   */
  l2: L2Write;
  release(): void;
}

/**
 * The fetch lease of a key across instances (SET NX PX with a random token): one instance fetches a missing key,
 * the others wait for its result to land in Redis. The holder extends the lease while its fetch runs, so a slow
 * query is still fetched once; a holder that dies lets its lease expire within one period. An invalidation
 * deletes the lease, which keeps the holder from storing what it read before the change.
 */
export class FetchLease {
  constructor(
    private readonly tier: RedisTier | null,
    private readonly ttlMs: number,
  ) {}

  async acquire(
    key: string,
    invalidated: () => boolean,
    lookForResult: () => Promise<Found | null>,
  ): Promise<HeldLease> {
    const unleased = (l2: L2Write): HeldLease => ({ found: null, l2, release: () => undefined });
    const tier = this.tier;
    if (!tier?.available) return unleased({ kind: 'always' });
    const token = randomUUID();
    let leased = await tier.acquireLease(key, token, this.ttlMs);
    // Another instance is fetching: wait for its result to land in Redis. If its lease goes without a result
    // (its fetch failed or was invalidated), take the lease and fetch here.
    const started = Date.now();
    while (leased === false && Date.now() - started < this.ttlMs * MAX_WAIT_LEASES && !invalidated()) {
      if (!tier.available) break;
      await sleep(Date.now() - started < this.ttlMs ? LEASE_POLL_MS : SLOW_POLL_MS);
      const found = await lookForResult();
      if (found) return { found, l2: { kind: 'none' }, release: () => undefined };
      leased = await tier.acquireLease(key, token, this.ttlMs);
    }
    if (leased !== true) return unleased({ kind: leased === false ? 'none' : 'always' });
    // Every fifth of the lease: a few lost or late extensions (a busy link) do not let it lapse.
    const renew = setInterval(() => void tier.extendLease(key, token, this.ttlMs), this.ttlMs / 5);
    renew.unref();
    return {
      found: null,
      l2: { kind: 'leased', token },
      release: () => {
        clearInterval(renew);
        void tier.releaseLease(key, token);
      },
    };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
