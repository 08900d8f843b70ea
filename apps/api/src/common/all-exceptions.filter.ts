import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { InvalidCacheKeyError } from '../cache/cache-key.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { errorBody } from './error-body.js';
import { RetryLaterException } from './retry-later.exception.js';

/** What a client is told to wait while PostgreSQL is unreachable: about a failover's or a restart's length. */
const DATABASE_RETRY_AFTER_S = 5;

interface ErrorWithStatus {
  statusCode?: number;
  status?: number;
  message?: string;
}

/**
 * Sends every error as `{statusCode, error, message}`. Client errors raised by Fastify itself (bad JSON,
 * body too large, wrong media type) keep their 4xx status, as do PostgreSQL data errors and refused cache keys (both
 * come from input); PostgreSQL out of reach is a 503 with `Retry-After` (a trade retried with its Idempotency-Key never
 * runs twice); anything unexpected is logged and becomes a 500 whose message reveals nothing of the internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status = 500;
    let message: unknown = 'Internal server error';
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const response = exception.getResponse();
      message =
        typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
    } else if (isDataError(exception)) {
      // Class 22 (data exception): a value PostgreSQL refuses (NUL byte, out of range, bad encoding) came from input.
      status = 400;
      message = 'A value in the request is out of range or not valid text';
    } else if (isDatabaseUnavailable(exception)) {
      status = 503;
      message = 'The database is unreachable; try again shortly';
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
    } else if (exception instanceof InvalidCacheKeyError) {
      // Cache keys are built from request parameters; the builders refuse what no real resource can be called.
      status = 400;
      message = exception.message;
    } else {
      const err = exception as ErrorWithStatus;
      const code = err?.statusCode ?? err?.status;
      if (typeof code === 'number' && code >= 400 && code < 500) {
        status = code;
        message = err.message;
      }
    }
    if (exception instanceof RetryLaterException) {
      void reply.header('retry-after', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    }
    if (status >= 500 && !(exception instanceof HttpException))
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    // Page routes (the dashboard's) answer a browser with their HTML, keeping the status: the SPA shows a login.
    const htmlErrorPage = (reply.request?.routeOptions?.config as { htmlErrorPage?: () => string } | undefined)
      ?.htmlErrorPage;
    if (htmlErrorPage && (status === 401 || status === 403) && acceptsHtml(reply.request.headers.accept)) {
      void reply.status(status).header('content-type', 'text/html; charset=utf-8').send(htmlErrorPage());
      return;
    }
    void reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(errorBody(status, message));
  }
}

function isDataError(exception: unknown): boolean {
  const code = exception instanceof QueryFailedError ? (exception.driverError as { code?: unknown })?.code : undefined;
  return typeof code === 'string' && code.startsWith('22');
}

function acceptsHtml(accept: string | undefined): boolean {
  return !!accept && accept.includes('text/html');
}
