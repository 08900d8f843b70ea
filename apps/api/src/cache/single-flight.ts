import { Logger } from '@nestjs/common';
import type { CacheEntries, TtlSpec } from './cache-entries.js';
import type { CacheStatsRecorder } from './cache-stats.js';
import type { FetchLease } from './fetch-lease.js';

/** How a read was answered (the interceptor turns it into X-Cache). */
export type CacheOutcome = 'HIT' | 'MISS' | 'STALE';

export interface Flight {
  promise: Promise<{ value: unknown; outcome: CacheOutcome }>;
  /** Set when the key is deleted or invalidated during the fetch: its result must not be cached. */
  invalidated: boolean;
  /** The group generation the flight reads and stores under. */
  generation: number | null;
}

/**
 * One fetch per key per process: everything past L1 (the L2 read, the fetch lease, the fetch, the store) runs
 * once however many callers ask at the same time. A flight whose key is invalidated meanwhile is detached: its
 * result is handed to its callers but not stored, and later readers start a fetch of their own.
 */
export class SingleFlight {
  private readonly logger = new Logger('Cache');
  private readonly flights = new Map<string, Flight>();
  private readonly refreshes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly entries: CacheEntries,
    private readonly lease: FetchLease,
    private readonly stats: CacheStatsRecorder,
  ) {}

  running(key: string): Flight | undefined {
    return this.flights.get(key);
  }

  /** The running flight of `key` (counted as a coalesced wait) or a new one: L2 read, then a leased fetch. */
  join<T>(
    key: string,
    fetchFn: () => Promise<T> | T,
    ttl: TtlSpec<T> | undefined,
    generation: number | null,
    allowStale: boolean,
  ): Flight {
    const running = this.flights.get(key);
    // A flight of an older generation began before a change this caller already knows of (its group was bumped,
    // perhaps by this user's own write on another instance, before the bus told us): its result may predate it.
    if (running && running.generation === generation) {
      this.stats.count('coalesced_waits');
      return running;
    }
    return this.start(key, generation, async (flight) => {
      const found = await this.entries.findL2(key, generation, allowStale);
      if (found) return { value: found.value, outcome: (found.stale ? 'STALE' : 'HIT') as CacheOutcome };
      return this.fetchOnce(key, fetchFn, ttl, flight, generation);
    });
  }

  /** A new flight that fetches `key` now (no L2 read first): refreshes and warmers. */
  fetch<T>(key: string, fetchFn: () => Promise<T> | T, ttl: TtlSpec<T> | undefined, generation: number | null): Flight {
    return this.start(key, generation, (flight) => this.fetchOnce(key, fetchFn, ttl, flight, generation));
  }

  /** A stale entry was served: refresh it in the background, once per key. */
  refreshInBackground<T>(
    key: string,
    fetchFn: () => Promise<T> | T,
    ttl: TtlSpec<T> | undefined,
    generationOf: () => Promise<number | null>,
  ): void {
    if (this.refreshes.has(key) || this.flights.has(key)) return;
    const refresh = (async () => {
      const generation = await generationOf();
      await this.fetch(key, fetchFn, ttl, generation).promise;
    })()
      .catch((error: Error) => this.logger.warn(`Refresh of ${key} failed: ${error.message}`))
      .finally(() => this.refreshes.delete(key));
    this.refreshes.set(key, refresh);
  }

  /**
   * Keys changed while their fetches run: those fetches' results may predate the change, so they are not
   * stored, and the flights are detached so that readers arriving from now on start a fetch of their own.
   */
  markInvalidated(matches: (key: string) => boolean): void {
    this.entries.epoch++;
    for (const [key, flight] of this.flights) {
      if (!matches(key)) continue;
      flight.invalidated = true;
      this.flights.delete(key);
    }
  }

  private start(
    key: string,
    generation: number | null,
    run: (flight: Flight) => Promise<{ value: unknown; outcome: CacheOutcome }>,
  ): Flight {
    const flight: Flight = { promise: null as never, invalidated: false, generation };
    flight.promise = (async () => {
      try {
        return await run(flight);
      } finally {
        if (this.flights.get(key) === flight) this.flights.delete(key);
      }
    })();
    this.flights.set(key, flight);
    return flight;
  }

  /** Fetch under the key's lease (or after waiting for another instance's result), then store. */
  private async fetchOnce<T>(
    key: string,
    fetchFn: () => Promise<T> | T,
    ttl: TtlSpec<T> | undefined,
    flight: Flight,
    generation: number | null,
  ): Promise<{ value: unknown; outcome: CacheOutcome }> {
    const held = await this.lease.acquire(
      key,
      () => flight.invalidated,
      () => this.entries.findL2(key, generation, false),
    );
    if (held.found) return { value: held.found.value, outcome: 'HIT' };
    try {
      const value = await fetchFn();
      // Invalidated while fetching: the value may predate the write, so hand it out but do not keep it.
      // Checked and written in the same tick: an invalidation here is either seen now or queued after our SET;
      // one made on another instance deleted our lease, and the store checks the lease in Redis.
      if (!flight.invalidated) await this.entries.store(key, value, ttl, generation, held.l2);
      return { value, outcome: 'MISS' };
    } finally {
      held.release();
    }
  }
}
