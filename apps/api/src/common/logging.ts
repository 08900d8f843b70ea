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

/** Bytes of log lines gathered before one write(2); registerLogFlush writes the rest at least every second. */
const LOG_BATCH_BYTES = 4096;
const LOG_FLUSH_MS = 1000;

/**
 * The application's one pino logger (JSON lines on stdout), shared by Fastify and NestJS. The destination is
 * asynchronous and batched: a log line costs a buffer append, not a write(2) on the request path.
 */
export function createRootLogger(
  config: AppConfig,
  destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES }),
): Logger {
  return pino({ level: config.logLevel }, destination);
}

/** Writes what is buffered every second (a quiet server's lines never wait longer) and when the server closes. */
export function registerLogFlush(fastify: FastifyInstance, logger: Logger): void {
  const timer = setInterval(() => logger.flush(), LOG_FLUSH_MS).unref();
  fastify.addHook('onClose', () => {
    clearInterval(timer);
    return flushLogs(logger);
  });
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
