import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { Module, ValidationPipe, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createClient } from 'redis';
import { AppModule } from '../../src/app.module.js';
import { CacheInvalidator } from '../../src/cache/cache-invalidator.js';
import { CacheService } from '../../src/cache/cache.service.js';
import { AllExceptionsFilter } from '../../src/common/all-exceptions.filter.js';
import { FaultProxy } from '../../../../tools/faults/fault-proxy.js';
import { hasRedisServer, startOwnRedis, type OwnRedis } from '../support/servers.js';
import { startTestApp, testAppOver, testConfig, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Redis of the test run ('' when the run has none: then only memory-mode tests run). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const HAS_REDIS = TEST_REDIS_URL !== '';

export const MODES: ['redis' | 'memory'][] = HAS_REDIS ? [['redis'], ['memory']] : [['memory']];

/**
 * Where the instances of a multi-instance suite share their Redis: one server, and (when redis-server is installed)
 * a local three-master Redis Cluster that the suite starts with startRedisCluster.
 */
export const SHARED_MODES: Array<'redis' | 'cluster'> = hasRedisServer ? ['redis', 'cluster'] : ['redis'];

export function modeEnv(mode: 'redis' | 'memory', env: Record<string, string> = {}): Record<string, string> {
  return mode === 'memory'
    ? { REDIS_ENABLED: 'false', ...env }
    : { REDIS_URL: TEST_REDIS_URL, REDIS_ENABLED: 'true', ...env };
}

export interface CacheTestApp extends TestApp {
  cache: CacheService;
  invalidator: CacheInvalidator;
}

/**
 * The whole application (startTestApp), optionally with extra test-only modules (controllers for the
 * interceptor tests); the app's own pipes and filter are applied as createApp does.
 */
export async function startCacheApp(
  options: { env?: Record<string, string>; db?: TestDatabase; modules?: Type<unknown>[] } = {},
): Promise<CacheTestApp> {
  if (!options.modules?.length) {
    const t = await startTestApp({ env: options.env, db: options.db });
    return Object.assign(t, { cache: t.app.get(CacheService), invalidator: t.app.get(CacheInvalidator) });
  }
  const db = options.db ?? (await createTestDatabase());
  const config = testConfig(db.url, options.env);
  @Module({})
  class Root {
    static forRoot(): DynamicModule {
      return { module: Root, imports: [AppModule.forRoot(config), ...options.modules!] };
    }
  }
  const app = await NestFactory.create<NestFastifyApplication>(Root.forRoot(), new FastifyAdapter(), { logger: false });
  await app.register(fastifyCookie);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const base = testAppOver(app, db, config, !options.db);
  return Object.assign(base, { cache: app.get(CacheService), invalidator: app.get(CacheInvalidator) });
}

/** A plain node-redis client on the test Redis (to look at keys behind the cache's back). */
export async function rawRedis(url = TEST_REDIS_URL) {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it is true or `timeoutMs` passes; returns whether it became true. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 2_000,
  stepMs = 5,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(stepMs);
  }
  return check();
}

/** Two instances on one Redis and one database of a suite's own; A reaches Redis through `proxy`, B directly. */
export interface InstancePair {
  redis: OwnRedis;
  proxy: FaultProxy;
  db: TestDatabase;
  a: CacheTestApp;
  b: CacheTestApp;
}

/**
 * Starts an InstancePair before the suite's tests and stops it after them; the result is read inside tests or
 * hooks. `aRedisUrl` gives A another way to Redis than the proxy (a user with other rights, say).
 */
export function instancePair(
  env: Record<string, string>,
  options: { aRedisUrl?: (redis: OwnRedis) => Promise<string> } = {},
): () => InstancePair {
  let pair: InstancePair | undefined;
  beforeAll(async () => {
    const redis = await startOwnRedis();
    const proxy = await FaultProxy.start(redis.url);
    const db = await createTestDatabase();
    const all = { REDIS_ENABLED: 'true', CACHE_PREFIX: `p${randomBytes(4).toString('hex')}`, ...env };
    const aUrl = options.aRedisUrl ? await options.aRedisUrl(redis) : proxy.urlFor(redis.url);
    const a = await startCacheApp({ env: { ...all, REDIS_URL: aUrl }, db });
    const b = await startCacheApp({ env: { ...all, REDIS_URL: redis.url }, db });
    pair = { redis, proxy, db, a, b };
  });
  afterAll(async () => {
    await pair?.a.close();
    await pair?.b.close();
    await pair?.proxy.close();
    await pair?.redis.stop();
    await pair?.db.drop();
  });
  return () => pair!;
}
