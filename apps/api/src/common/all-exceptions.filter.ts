import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { errorBody } from './error-body.js';

interface ErrorWithStatus {
  statusCode?: number;
  status?: number;
  message?: string;
}

/**
 * Sends every error as `{statusCode, error, message}`. Client errors raised by Fastify itself (bad JSON,
 * body too large, wrong media type) keep their 4xx status; anything unexpected is logged and becomes a
 * 500 whose message reveals nothing of the internals.
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
    } else {
      const err = exception as ErrorWithStatus;
      const code = err?.statusCode ?? err?.status;
      if (typeof code === 'number' && code >= 400 && code < 500) {
        status = code;
        message = err.message;
      }
    }
    if (status >= 500)
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

function acceptsHtml(accept: string | undefined): boolean {
  return !!accept && accept.includes('text/html');
}
