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

/**
 * The longest a lease call may take. The client has no command timeout of its own, and on a half-open connection a
 * call never settles: a renewal that hangs would let the lease expire on the server while this instance runs on.
 */
const CALL_TIMEOUT_MS = 1_000;

/** The promise, or a rejection once `ms` pass (the command may still run on the server; its answer is ignored). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis ${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A tick key outlives any instance that could still be late for that tick. */
const MIN_TICK_KEY_TTL_MS = 5 * 60_000;

/**
 * Job leases in Redis: SET NX PX with a random token, renewed by compare-and-pexpire, released by
 * compare-and-delete. Keys share a hash tag per job so the scripts also work on Redis Cluster. They live in the
 * internal namespace (`<prefix>#jobs:...`, outside `<prefix>:*`), so clearing the cache never touches them. Every
 * call is bounded in time (at most a sixth of the lease, so a renewal that hangs is noticed while the lease lasts).
 */
export class RedisLeases {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly instanceId: string,
  ) {}

  leaseKey(job: string): string {
    return `${this.prefix}#jobs:{${job}}:lease`;
  }

  tickKey(job: string, tick: Date): string {
    return `${this.prefix}#jobs:{${job}}:tick:${tick.getTime()}`;
  }

  /** Throws when Redis fails: the caller falls back to PostgreSQL. */
  async acquire(job: string, tick: Date | null, ttlMs: number): Promise<LeaseAttempt> {
    const token = `${this.instanceId}#${randomBytes(8).toString('hex')}`;
    const key = this.leaseKey(job);
    const keys = tick ? [key, this.tickKey(job, tick)] : [key];
    const reply = String(
      await within(
        this.client.eval(ACQUIRE, {
          keys,
          arguments: [token, String(ttlMs), String(Math.max(2 * ttlMs, MIN_TICK_KEY_TTL_MS))],
        }),
        callTimeout(ttlMs),
        'lease acquire',
      ),
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
        const reply = await within(
          client.eval(RENEW, { keys: [key], arguments: [token, String(ttlMs)] }),
          callTimeout(ttlMs),
          'lease renewal',
        );
        return Number(reply) === 1;
      },
      async release() {
        await within(client.eval(RELEASE, { keys: [key], arguments: [token] }), callTimeout(ttlMs), 'lease release');
      },
    };
  }
}

function callTimeout(leaseTtlMs: number): number {
  return Math.max(50, Math.min(CALL_TIMEOUT_MS, Math.floor(leaseTtlMs / 6)));
}
