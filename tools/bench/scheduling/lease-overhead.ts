// What exactly-once costs per job run: acquire + release of the scheduler's lock, against the bare round trips it is
// built from, measured in the same run. Redis at REDIS_URL (default 127.0.0.1:6379), PostgreSQL at DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres). Writes docs/benchmarks/scheduling.md.
//   node tools/run-ts.mjs tools/bench/scheduling/lease-overhead.ts [iterations]
import { existsSync, readFileSync } from 'node:fs';
import { createClient } from 'redis';
import { DataSource } from 'typeorm';
import type { RedisClient } from '../../../apps/api/src/redis/redis-connection.js';
import { PostgresAdvisoryLocks } from '../../../apps/api/src/scheduling/advisory-lock.js';
import { RedisLeases } from '../../../apps/api/src/scheduling/redis-lease.js';
import { writeResults } from '../results.js';

const iterations = Number(process.argv[2] ?? 2_000);
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

interface Result {
  name: string;
  perOpUs: number;
}

async function measure(name: string, op: (i: number) => Promise<void>): Promise<Result> {
  for (let i = 0; i < Math.min(200, iterations); i++) await op(-1 - i); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await op(i);
  const perOpUs = Number(process.hrtime.bigint() - started) / 1_000 / iterations;
  return { name, perOpUs };
}

async function main(): Promise<void> {
  const redis = createClient({ url: redisUrl }) as RedisClient;
  await redis.connect();
  const db = new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 4 } });
  await db.initialize();
  const prefix = `bench${process.pid}`;
  const leases = new RedisLeases(redis, prefix, 'bench');
  const advisory = new PostgresAdvisoryLocks(db);
  const tick = (i: number) => new Date(1_700_000_000_000 + i * 1000);

  const results: Result[] = [];
  results.push(
    await measure('redis: SET NX PX + DEL (baseline)', async (i) => {
      await redis.set(`${prefix}:raw:${i}`, 'x', { condition: 'NX', expiration: { type: 'PX', value: 30_000 } });
      await redis.del(`${prefix}:raw:${i}`);
    }),
  );
  results.push(
    await measure('redis: lease acquire (tick + lease) + release', async (i) => {
      const attempt = await leases.acquire('bench_job', tick(i), 30_000);
      if (attempt.status !== 'acquired') throw new Error(`unexpected ${attempt.status}`);
      await attempt.lease.release();
    }),
  );
  results.push(
    await measure('postgres: checkout + SELECT 1 + release (baseline)', async () => {
      const runner = db.createQueryRunner();
      await runner.connect();
      await runner.query('SELECT 1');
      await runner.release();
    }),
  );
  results.push(
    await measure('postgres: advisory lock acquire + unlock', async () => {
      const attempt = await advisory.acquire('bench_job', null);
      if (attempt.status !== 'acquired') throw new Error(`unexpected ${attempt.status}`);
      await attempt.lease.release();
    }),
  );

  // Clean up the bench's tick keys (SCAN, never KEYS).
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
    if (keys.length) await redis.unlink(keys);
  }
  await redis.close();
  await db.destroy();

  const [redisBase, redisLease, pgBase, pgLock] = results;
  const lines = [
    '# Scheduling: cost of the exactly-once lock per job run',
    '',
    `Measured by \`node tools/run-ts.mjs tools/bench/scheduling/lease-overhead.ts ${iterations}\` on ${new Date().toISOString()}`,
    `(${iterations} sequential iterations each after a warm-up; one client; ratios are against the baseline of the same run).`,
    '',
    '| operation | per run (us) | vs baseline |',
    '| --- | ---: | ---: |',
    `| ${redisBase.name} | ${redisBase.perOpUs.toFixed(1)} | 1.00x |`,
    `| ${redisLease.name} | ${redisLease.perOpUs.toFixed(1)} | ${(redisLease.perOpUs / redisBase.perOpUs).toFixed(2)}x |`,
    `| ${pgBase.name} | ${pgBase.perOpUs.toFixed(1)} | 1.00x |`,
    `| ${pgLock.name} | ${pgLock.perOpUs.toFixed(1)} | ${(pgLock.perOpUs / pgBase.perOpUs).toFixed(2)}x |`,
    '',
    'The lease costs two Redis round trips (one EVAL to claim the tick and take the lease, one EVAL to release),',
    'like the bare SET NX + DEL it is built from; the advisory lock costs a pooled connection checkout and two',
    'statements. Either is far below a millisecond against jobs that run every few seconds at most, and a renewal adds',
    'one round trip per third of the lease TTL (every 10 s by default).',
    '',
  ];
  // Keep the section warm-all.ts writes into the same file.
  const file = 'docs/benchmarks/scheduling.md';
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const warmAll = /<!-- warm-all:begin -->[\s\S]*<!-- warm-all:end -->/.exec(current)?.[0];
  writeResults(file, warmAll ? `${lines.join('\n')}\n${warmAll}\n` : lines.join('\n'));
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
