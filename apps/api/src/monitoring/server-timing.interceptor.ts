import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { tap, type Observable } from 'rxjs';

/**
 * `Server-Timing: data;dur=<ms>` on a monitoring response: the server's time to produce its data (the handler, with
 * its cache lookups and queries), without authentication or serialization. The dashboard shows it on each card.
 */
@Injectable()
export class ServerTimingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = performance.now();
    return next.handle().pipe(
      tap(() => {
        const reply = context.switchToHttp().getResponse<FastifyReply>();
        reply.header('server-timing', `data;dur=${(performance.now() - started).toFixed(1)}`);
      }),
    );
  }
}
