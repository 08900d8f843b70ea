// A NestJS 12 + Fastify app caching the leaderboard with bentocache: L1 memory, L2 Redis, and the Redis bus that
// keeps the L1s of several instances coherent; `getOrSet` in the handler. No logging.
// `PORT=... BODY_FILE=... REDIS_URL=... node bentocache-app.js`
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisBusDriver, redisDriver } from 'bentocache/drivers/redis';
import { Redis } from 'ioredis';
import { peerEnv } from './peer-env.js';

const { port, body, redisUrl } = peerEnv();
const prefix = `bench-bento-${process.pid}`;
const bento = new BentoCache({
  default: 'cache',
  stores: {
    cache: bentostore()
      .useL1Layer(memoryDriver({ maxSize: '64mb' }))
      .useL2Layer(redisDriver({ connection: new Redis(redisUrl), prefix }))
      .useBus(redisBusDriver({ connection: new Redis(redisUrl) })),
  },
});

@Controller()
class LeaderboardController {
  @Get('leaderboard')
  get(): Promise<unknown> {
    return bento.getOrSet({ key: 'leaderboard:1:page:1', factory: () => body, ttl: '5m' });
  }
}

@Module({ controllers: [LeaderboardController] })
class BentoModule {}

const app = await NestFactory.create<NestFastifyApplication>(BentoModule, new FastifyAdapter(), { logger: false });
app.enableShutdownHooks();
process.once('SIGTERM', () => void bento.disconnectAll().finally(() => process.exit(0)));
await app.listen(port, '127.0.0.1');
