import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobLockBackend } from '@league/contracts';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { PostgresAdvisoryLocks } from './advisory-lock.js';
import { RedisLeases } from './redis-lease.js';
import { INSTANCE_ID } from './scheduling.tokens.js';

/** A lock held by this instance for one run. */
export interface HeldLease {
  readonly backend: JobLockBackend;
  /** Keeps the lease alive; false when it is lost (another instance may take over). */
  renew(): Promise<boolean>;
  /** Gives it up, only if it is still ours. */
  release(): Promise<void>;
}

export type LeaseAttempt =
  | { status: 'acquired'; lease: HeldLease }
  /** Another instance already runs (or ran) this tick: nothing to do, nothing to record. */
  | { status: 'taken'; backend: JobLockBackend }
  /**
   * A previous run of the job still holds its lock. `ownsTick`: this instance claimed the tick and records it as
   * skipped (on PostgreSQL the job_runs unique key decides who records it).
   */
  | { status: 'busy'; backend: JobLockBackend; holder: string | null; ownsTick: boolean };

/**
 * The distributed lock of the scheduler: the Redis lease while Redis answers, the PostgreSQL advisory lock when the
 * shared client is absent (disabled or unreachable at start) or failing right now.
 */
@Injectable()
export class JobLeases {
  private readonly logger = new Logger('JobLeases');
  private readonly advisory: PostgresAdvisoryLocks;
  private redisFailing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INSTANCE_ID) private readonly instanceId: string,
    private readonly redis: RedisConnection,
    db: DataSource,
  ) {
    this.advisory = new PostgresAdvisoryLocks(db);
  }

  /** The backend the next acquisition will try first. */
  get backend(): JobLockBackend {
    return this.redis.isReady ? 'redis' : 'postgres';
  }

  /**
   * `claimTick` records the tick (true when this instance is first); only the advisory-lock path uses it, before
   * locking, since Redis claims the tick in the same script that takes the lease.
   */
  async acquire(
    job: string,
    tick: Date | null,
    ttlMs: number,
    claimTick?: () => Promise<boolean>,
  ): Promise<LeaseAttempt> {
    const client = this.redis.client;
    if (client?.isReady) {
      try {
        const attempt = await new RedisLeases(client, this.config.cache.prefix, this.instanceId).acquire(
          job,
          tick,
          ttlMs,
        );
        if (this.redisFailing) this.logger.log('Redis answers again: job leases are back on Redis');
        this.redisFailing = false;
        return attempt;
      } catch (error) {
        if (!this.redisFailing) {
          this.logger.warn(`Redis lease failed (${(error as Error).message}): using PostgreSQL advisory locks`);
        }
        this.redisFailing = true;
      }
    }
    if (claimTick && !(await claimTick())) return { status: 'taken', backend: 'postgres' };
    return this.advisory.acquire(job, tick);
  }
}
