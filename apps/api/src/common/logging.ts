import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { Logger as NestPinoLogger, type PinoLogger } from 'nestjs-pino';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/config.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's request id: the caller's X-Request-Id when it is sane, else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The application's one pino logger (JSON lines on stdout), shared by Fastify and NestJS. The destination is
 * asynchronous: a log line costs a buffer append, not a write(2) on the request path. Call `flushLogs` on shutdown.
 */
export function createRootLogger(config: AppConfig, destination = pino.destination({ dest: 1, sync: false })): Logger {
  return pino({ level: config.logLevel }, destination);
}

/** Writes what is still buffered (shutdown; pino also flushes on process exit). */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

/** NestJS's logger over the root pino logger (nestjs-pino maps Nest's log arguments to pino's). */
export function nestLogger(logger: Logger): LoggerService {
  return new NestPinoLogger(logger as unknown as PinoLogger, {});
}

/**
 * One access log line per request, after the response, with its request id:
 * `{"request_id","method","url","status_code","response_ms","msg":"request completed"}`. Flat fields, from the
 * root logger: no child logger and no request context per request. 5xx log as `error`, 4xx as `warn`.
 */
export function registerAccessLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          request_id: request.id,
          method: request.method,
          url: request.url,
          status_code: status,
          response_ms: Math.round(reply.elapsedTime * 100) / 100,
        },
        'request completed',
      );
    }
    done();
  });
}
