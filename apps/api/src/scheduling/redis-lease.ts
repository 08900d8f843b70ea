import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis/redis-connection.js';
import type { HeldLease, LeaseAttempt } from './job-lease.js';

/**
 * Claims the tick (when one is given) and takes the job's lease, atomically:
 * - tick key already set: another instance has this tick ("taken");
 * - lease held: the previous run still goes on; we now own the tick and record it as skipped ("busy:<holder>");
 * - else: SET lease token PX ttl ("acquired").
 */
const ACQUIRE = `
if #KEYS > 1 then
  if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[3]) then return 'taken' end
end
local holder = redis.call('GET', KEYS[1])
if holder then return 'busy:' .. holder end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 'acquired'`;

/** Extends the lease only while we still own it (an expired lease may already belong to another instance). */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Deletes the lease only if it is still ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** A tick key outlives any instance that could still be late for that tick. */
const MIN_TICK_KEY_TTL_MS = 5 * 60_000;

/**
 * Job leases in Redis: SET NX PX with a random token, renewed by compare-and-pexpire, released by
 * compare-and-delete. Keys share a hash tag per job so the scripts also work on Redis Cluster.
 */
export class RedisLeases {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly instanceId: string,
  ) {}

  leaseKey(job: string): string {
    return `${this.prefix}:jobs:{${job}}:lease`;
  }

  tickKey(job: string, tick: Date): string {
    return `${this.prefix}:jobs:{${job}}:tick:${tick.getTime()}`;
  }

  /** Throws when Redis fails: the caller falls back to PostgreSQL. */
  async acquire(job: string, tick: Date | null, ttlMs: number): Promise<LeaseAttempt> {
    const token = `${this.instanceId}#${randomBytes(8).toString('hex')}`;
    const key = this.leaseKey(job);
    const keys = tick ? [key, this.tickKey(job, tick)] : [key];
    const reply = String(
      await this.client.eval(ACQUIRE, {
        keys,
        arguments: [token, String(ttlMs), String(Math.max(2 * ttlMs, MIN_TICK_KEY_TTL_MS))],
      }),
    );
    if (reply === 'taken') return { status: 'taken', backend: 'redis' };
    if (reply.startsWith('busy:')) {
      return { status: 'busy', backend: 'redis', holder: reply.slice(5).split('#')[0] ?? null, ownsTick: !!tick };
    }
    return { status: 'acquired', lease: this.held(key, token, ttlMs) };
  }

  private held(key: string, token: string, ttlMs: number): HeldLease {
    const client = this.client;
    return {
      backend: 'redis',
      async renew() {
        return Number(await client.eval(RENEW, { keys: [key], arguments: [token, String(ttlMs)] })) === 1;
      },
      async release() {
        await client.eval(RELEASE, { keys: [key], arguments: [token] });
      },
    };
  }
}
