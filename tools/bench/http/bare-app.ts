// The ceiling: a bare NestJS 12 + Fastify app returning the leaderboard body from a controller, no logging,
// no guard, no cache (the framework serializes it on every request). `PORT=... BODY_FILE=... node bare-app.js`
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { peerEnv } from './peer-env.js';

const { port, body } = peerEnv();

@Controller()
class LeaderboardController {
  @Get('leaderboard')
  get(): unknown {
    return body;
  }
}

@Module({ controllers: [LeaderboardController] })
class BareModule {}

const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
await app.listen(port, '127.0.0.1');
