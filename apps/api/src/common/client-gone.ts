import type { FastifyReply } from 'fastify';

/**
 * A signal that fires when the client closes its connection before its answer has been sent, so that work queued
 * for it (a password hash) can be skipped.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) gone.abort();
  });
  return gone.signal;
}
