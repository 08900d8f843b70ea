import fastifyCookie from '@fastify/cookie';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBaseLogger } from 'fastify';
import { AppModule } from './app.module.js';
import { registerRateLimits } from './auth/rate-limits.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { registerInputGuard } from './common/input-guard.js';
import { createRootLogger, nestLogger, registerAccessLog, registerLogFlush, requestId } from './common/logging.js';
import { setupOpenApi } from './common/openapi.js';
import type { AppConfig } from './config/config.js';

/**
 * Builds the configured application (not yet listening): Fastify with security headers, cookies, body
 * limit and CORS; global validation and error shape; OpenAPI. main.ts and the tests both use it.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // A hop count trusts that many proxies nearest to us; a list trusts those addresses (proxy-addr semantics).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    loggerInstance: logger,
    // One access line per request comes from registerAccessLog; Fastify's own two lines and its per-request child
    // logger (request.log) would cost on every request.
    disableRequestLogging: true,
    childLoggerFactory: (root: FastifyBaseLogger) => root,
    // No Nest middleware is used: without the Express-compatibility layer no request pays for it.
    skipMiddie: true,
    genReqId: requestId,
    // Shutdown must not wait out idle keep-alive connections (browsers hold them for minutes).
    forceCloseConnections: 'idle',
    // `/admin/monitoring/` (the dashboard's URL, Vite base) and `/admin/monitoring` are the same route.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(nestLogger(logger));
  // NestJS's security headers (helmet's set) are resolved once here and copied onto each response.
  app.useSecurityHeaders({
    // The dashboard is served from this origin and loads only its own scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Served over plain HTTP on a host IP too: upgrading the page's requests to https would break it.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  registerAccessLog(fastify, logger);
  registerLogFlush(fastify, logger);
  registerInputGuard(fastify);
  await registerRateLimits(app, config);
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  // No enableShutdownHooks(): main.ts handles SIGTERM and SIGINT itself, draining HTTP first and stopping the
  // embedded PostgreSQL last (Nest's hook would re-raise the signal and kill the process before that).
  setupOpenApi(app);
  return app;
}
