// The stock NestJS way: Express adapter, @nestjs/cache-manager's CacheInterceptor on the route, cache-manager 7
// over @keyv/redis (the store its docs recommend). No logging. `PORT=... BODY_FILE=... REDIS_URL=... node cache-interceptor-app.js`
import 'reflect-metadata';
import { CacheInterceptor, CacheModule } from '@nestjs/cache-manager';
import { Controller, Get, Module, UseInterceptors } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { peerEnv } from './peer-env.js';

const { port, body, redisUrl } = peerEnv();

@Controller()
class LeaderboardController {
  @Get('leaderboard')
  @UseInterceptors(CacheInterceptor)
  get(): unknown {
    return body;
  }
}

@Module({
  imports: [
    CacheModule.register({
      ttl: 300_000,
      stores: [new Keyv({ store: new KeyvRedis(redisUrl), namespace: `bench-stock-${process.pid}` })],
    }),
  ],
  controllers: [LeaderboardController],
})
class StockModule {}

const app = await NestFactory.create(StockModule, { logger: false });
await app.listen(port, '127.0.0.1');
