import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { openApiDocument } from './common/openapi.js';
import { loadConfig } from './config/config.js';

/**
 * Writes the OpenAPI document the API serves to the file named on the command line, without a database or Redis:
 * Nest's preview mode builds the module graph and routes but instantiates no provider. The typed client is
 * generated from this file.
 */
const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: node dist/apps/api/openapi-export.js <file.json>\n');
  process.exit(2);
}
// Only the shape of the routes matters here: nothing is connected to.
const config = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1:1/unused', REDIS_ENABLED: 'false' });
const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), {
  preview: true,
  logger: false,
});
writeFileSync(target, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
await app.close();
