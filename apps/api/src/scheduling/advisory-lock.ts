import type { DataSource, QueryRunner } from 'typeorm';
import type { HeldLease, LeaseAttempt } from './job-lease.js';

/** First half of the two-key advisory lock: keeps job locks apart from any other advisory lock of the app. */
const JOB_LOCK_NAMESPACE = 0x4a4f42; // "JOB"
const HEARTBEAT_TIMEOUT_MS = 2_000;

/** 32-bit FNV-1a of the job name: the same on every instance, whatever the PostgreSQL version. */
export function jobLockKey(job: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(job, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * The fallback when Redis is not available: pg_try_advisory_lock on a connection taken from the pool and held for
 * the whole run. The lock belongs to that session, so it is released when we unlock, or by PostgreSQL itself the
 * moment the holder's connection dies. Ticks are made unique by the job_runs table (unique job + scheduled_at).
 */
export class PostgresAdvisoryLocks {
  constructor(private readonly db: DataSource) {}

  async acquire(job: string, tick: Date | null): Promise<LeaseAttempt> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    const key = jobLockKey(job);
    let locked = false;
    try {
      const [row] = (await runner.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [
        JOB_LOCK_NAMESPACE,
        key,
      ])) as { locked: boolean }[];
      locked = row.locked;
    } finally {
      if (!locked) await runner.release();
    }
    if (!locked) return { status: 'busy', backend: 'postgres', holder: null, ownsTick: !!tick };
    return { status: 'acquired', lease: held(runner, key) };
  }
}

function held(runner: QueryRunner, key: number): HeldLease {
  return {
    backend: 'postgres',
    // Nothing expires here; checking that the session is alive tells whether we still hold the lock.
    async renew() {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          runner.query('SELECT 1'),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), HEARTBEAT_TIMEOUT_MS))),
        ]);
        return true;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async release() {
      try {
        if (!runner.isReleased) await runner.query('SELECT pg_advisory_unlock($1, $2)', [JOB_LOCK_NAMESPACE, key]);
      } finally {
        if (!runner.isReleased) await runner.release();
      }
    },
  };
}
