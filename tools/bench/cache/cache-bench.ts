// Cache benchmark: (a) HTTP: a cached leaderboard-shaped GET vs the same endpoint uncached vs a bare route in the
// same app (it pays the same per-request costs, so it is no ceiling: `npm run bench:http` compares with separate
// processes); (b) the hit path of CacheService (L1, L1+L2, L2 only) against a bare
// function call, a raw Redis GET and cache-manager's wrap; getOrFetch under concurrency; (c) a Zipf 95/5
// read/write mix: hit rate, fetches per 1,000 requests, stale reads. Ratios are within one run.
// `node tools/run-ts.mjs tools/bench/cache/cache-bench.ts [--duration 5]`
// Uses DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres) and REDIS_URL (default
// redis://127.0.0.1:6379); creates and drops a scratch database; writes docs/benchmarks/cache.md.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Module, Param, ParseIntPipe, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Keyv } from 'keyv';
import KeyvRedis from '@keyv/redis';
import autocannon from 'autocannon';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { createCache } from 'cache-manager';
import { createClient } from 'redis';
import { DataSource } from 'typeorm';
import { AppModule } from '../../../apps/api/src/app.module.js';
import { Public } from '../../../apps/api/src/auth/public.decorator.js';
import { CacheKey } from '../../../apps/api/src/cache/cache-key.js';
import { CacheService } from '../../../apps/api/src/cache/cache.service.js';
import { CacheRoute } from '../../../apps/api/src/cache/http-cache.interceptor.js';
import { ALL_SCHEDULES_OFF, loadConfig, type AppConfig } from '../../../apps/api/src/config/config.js';
import { migrate } from '../../../apps/api/src/database/migrate.js';
import { writeResults } from '../results.js';
import { ScratchDatabase } from '../scratch-database.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DURATION = option('duration', 5);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const scratch = new ScratchDatabase('cache');
const dbUrl = scratch.url;

/** A 50-row leaderboard computed by PostgreSQL (what an uncached leaderboard read costs at least). */
const LEADERBOARD_SQL = `
  SELECT g AS rank, 'player_' || g AS username, round((100000 + g * 37.5 + $1)::numeric, 2)::float8 AS value,
         round((g * 0.37)::numeric, 2)::float8 AS return_percent
    FROM generate_series(1, 50) g ORDER BY value DESC`;

const READY_PAYLOAD = {
  league_id: 1,
  page: 1,
  items: Array.from({ length: 50 }, (_, i) => ({
    rank: i + 1,
    username: `player_${i + 1}`,
    value: 100000 + (i + 1) * 37.5 + 1,
    return_percent: Math.round((i + 1) * 0.37 * 100) / 100,
  })),
};

@Controller('bench')
class BenchController {
  constructor(private readonly db: DataSource) {}

  @Public()
  @Get('bare')
  bare() {
    return READY_PAYLOAD;
  }

  @Public()
  @Get('uncached/:leagueId')
  async uncached(@Param('leagueId', ParseIntPipe) leagueId: number) {
    return { league_id: leagueId, page: 1, items: await this.db.query(LEADERBOARD_SQL, [leagueId]) };
  }

  @Public()
  @Get('cached/:leagueId')
  @CacheRoute({ scope: 'league', type: 'leaderboard' })
  async cached(@Param('leagueId', ParseIntPipe) leagueId: number) {
    return { league_id: leagueId, page: 1, items: await this.db.query(LEADERBOARD_SQL, [leagueId]) };
  }
}

@Module({ controllers: [BenchController] })
class BenchModule {}

function config(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    CACHE_PREFIX: `bench${Date.now().toString(36)}`,
    SEED_ON_EMPTY: 'false',
    ...ALL_SCHEDULES_OFF,
    ...env,
  });
}

async function startApp(cfg: AppConfig): Promise<NestFastifyApplication> {
  @Module({})
  class Root {
    static forRoot(): DynamicModule {
      return { module: Root, imports: [AppModule.forRoot(cfg), BenchModule] };
    }
  }
  const app = await NestFactory.create<NestFastifyApplication>(Root.forRoot(), new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

const rows: string[] = [];
const out = (line = '') => {
  process.stdout.write(`${line}\n`);
  rows.push(line);
};

/** Sequential ops/s of `fn` over `ms` milliseconds (after a warm-up). */
async function opsPerSec(fn: () => unknown, ms = 1500): Promise<number> {
  for (let i = 0; i < 1000; i++) await fn();
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    for (let i = 0; i < 200; i++) await fn();
    n += 200;
  }
  return n / ((performance.now() - started) / 1000);
}

async function hitPath(): Promise<void> {
  out('## (b) Hit path, sequential loop in one process');
  out();
  const both = await startApp(config());
  const l2only = await startApp(config({ CACHE_L1_MAX_ENTRIES: '0' }));
  const memory = await startApp(config({ REDIS_ENABLED: 'false' }));
  const key = CacheKey.leaderboard(1, 1);
  const fetch = async () => READY_PAYLOAD;
  const results: [string, number][] = [];
  results.push(['bare async function returning the payload (baseline)', await opsPerSec(fetch)]);
  for (const [label, app] of [
    ['CacheService.getOrFetch, L1 hit (memory-only mode)', memory],
    ['CacheService.getOrFetch, L1 hit (L1 + L2)', both],
    ['CacheService.getOrFetch, L2 hit (L1 disabled)', l2only],
  ] as const) {
    const cache = app.get(CacheService);
    await cache.getOrFetch(key, fetch);
    results.push([label, await opsPerSec(() => cache.getOrFetch(key, fetch))]);
  }
  const raw = createClient({ url: redisUrl });
  await raw.connect();
  await raw.set('bench:raw', JSON.stringify(READY_PAYLOAD), { expiration: { type: 'PX', value: 60_000 } });
  results.push([
    'raw node-redis GET + JSON.parse',
    await opsPerSec(async () => JSON.parse((await raw.get('bench:raw'))!)),
  ]);
  // bentocache's L1 (memory driver) as the reference for our L1 hit path, measured in this same loop.
  const bento = new BentoCache({
    default: 'l1',
    stores: { l1: bentostore().useL1Layer(memoryDriver({ maxItems: 10_000 })) },
  });
  await bento.getOrSet({ key: 'k', factory: fetch, ttl: '1m' });
  results.push([
    'bentocache getOrSet, L1 hit (memory driver)',
    await opsPerSec(() => bento.getOrSet({ key: 'k', factory: fetch, ttl: '1m' })),
  ]);
  await bento.disconnectAll();
  const cmMemory = createCache();
  results.push(['cache-manager 7 wrap, memory store', await opsPerSec(() => cmMemory.wrap('k', fetch, 60_000))]);
  const cmRedis = createCache({ stores: [new Keyv({ store: new KeyvRedis(redisUrl), namespace: 'benchcm' })] });
  results.push([
    'cache-manager 7 wrap, @keyv/redis store',
    await opsPerSec(() => cmRedis.wrap('k', fetch, 60_000), 1000),
  ]);
  await raw.del('bench:raw');
  await raw.close();
  await cmRedis.disconnect();
  const base = results[0][1];
  out('| path | ops/s | vs bare function |');
  out('|---|---:|---:|');
  for (const [label, ops] of results)
    out(`| ${label} | ${Math.round(ops).toLocaleString('en')} | ${(ops / base).toFixed(3)} |`);
  out();

  out('## getOrFetch under concurrency (1,000 concurrent callers)');
  out();
  const cache = both.get(CacheService);
  for (const [label, keys] of [
    ['1,000 callers, one cold key', 1],
    ['1,000 callers, 100 cold keys', 100],
  ] as const) {
    await cache.clear();
    let fetches = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        cache.getOrFetch(CacheKey.leaderboard(1000 + (i % keys), 1), async () => {
          fetches++;
          await new Promise((r) => setTimeout(r, 5));
          return READY_PAYLOAD;
        }),
      ),
    );
    out(`- ${label}: ${fetches} fetches, ${(performance.now() - started).toFixed(1)} ms for all`);
  }
  out();
  await Promise.all([both.close(), l2only.close(), memory.close()]);
}

async function http(): Promise<void> {
  out(`## (a) HTTP, autocannon -c 50 -d ${DURATION}`);
  out();
  out(
    'All three routes are in one app and share its per-request costs (logging, security headers, metrics), so the ' +
      'bare route is no ceiling. Baselines in processes of their own: [http.md](http.md) (`npm run bench:http`).',
  );
  out();
  const app = await startApp(config());
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const results: [string, Awaited<ReturnType<typeof autocannon>>][] = [];
  for (const [label, url] of [
    ['bare route in this app, ready payload (same per-request costs: not a ceiling)', `${base}/bench/bare`],
    ['cached leaderboard (@CacheRoute)', `${base}/bench/cached/1`],
    ['same endpoint uncached (PostgreSQL each time)', `${base}/bench/uncached/1`],
  ] as const) {
    await autocannon({ url, connections: 10, duration: 1 });
    results.push([label, await autocannon({ url, connections: 50, duration: DURATION })]);
  }
  const ceiling = results[0][1].requests.average;
  const uncached = results[2][1].requests.average;
  out('| endpoint | req/s | p50 ms | p99 ms | vs in-app bare | vs uncached | non-2xx |');
  out('|---|---:|---:|---:|---:|---:|---:|');
  for (const [label, r] of results) {
    out(
      `| ${label} | ${Math.round(r.requests.average).toLocaleString('en')} | ${r.latency.p50} | ${r.latency.p99} | ${(r.requests.average / ceiling).toFixed(2)} | ${(r.requests.average / uncached).toFixed(1)} | ${r.non2xx} |`,
    );
  }
  out();
  await app.close();
}

/** Zipf(s=1) over n keys. */
function zipf(n: number): () => number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) cdf.push((acc += w / total));
  return () => {
    const r = Math.random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

async function zipfMix(): Promise<void> {
  const REQUESTS = 50_000;
  const KEYS = 1_000;
  out(`## (c) Zipf mix: ${REQUESTS.toLocaleString('en')} requests over ${KEYS} leagues, 95% reads / 5% writes`);
  out();
  const app = await startApp(config());
  const cache = app.get(CacheService);
  const pick = zipf(KEYS);
  const version = new Array<number>(KEYS).fill(0);
  let queries = 0;
  let reads = 0;
  let stale = 0;
  const CONCURRENCY = 50;
  let issued = 0;
  const worker = async () => {
    while (issued < REQUESTS) {
      issued++;
      const id = pick();
      if (Math.random() < 0.05) {
        version[id]++; // the "commit"
        await cache.delete(CacheKey.league(id + 1)); // then the invalidation, as CacheInvalidator does
      } else {
        reads++;
        const expected = version[id];
        const value = await cache.getOrFetch(CacheKey.league(id + 1), async () => {
          queries++;
          return { id, version: version[id] };
        });
        if (value.version < expected) stale++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const stats = await cache.getStats();
  out(`| measure | value |`);
  out(`|---|---:|`);
  out(`| hit rate | ${stats.hit_rate_percent}% |`);
  out(`| database queries per 1,000 reads, with the cache | ${((queries / reads) * 1000).toFixed(1)} |`);
  out(`| database queries per 1,000 reads, without | 1000 |`);
  out(`| reduction | ${(100 - (queries / reads) * 100).toFixed(1)}% |`);
  out(`| stale reads (older than the last committed write when the read began) | ${stale} |`);
  out();
  await app.close();
}

async function main(): Promise<void> {
  await scratch.create();
  try {
    await migrate(dbUrl);
    out('# Cache benchmark');
    out();
    out(
      `Run ${new Date().toISOString()}, Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs (shared, noisy: compare ratios within this run).`,
    );
    out();
    await http();
    await hitPath();
    await zipfMix();
  } finally {
    await scratch.drop();
  }
  const file = path.join(process.cwd(), 'docs/benchmarks/cache.md');
  mkdirSync(path.dirname(file), { recursive: true });
  writeResults(file, `${rows.join('\n')}\n`);
  process.stdout.write(`written ${file}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
