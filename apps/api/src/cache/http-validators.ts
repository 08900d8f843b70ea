import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CacheScope } from './http-cache.interceptor.js';

/** A strong ETag of a body: 132 bits of its SHA-256, so equal bytes give equal tags on every instance. */
export function entityTag(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
}

/** Whether `If-None-Match` names this tag (weak comparison, as RFC 9110 asks for If-None-Match), or is `*`. */
export function noneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  for (const list of [header].flat()) {
    for (const raw of list.split(',')) {
      const tag = raw.trim();
      if (tag === '*' || tag === etag || tag === `W/${etag}`) return true;
    }
  }
  return false;
}

export interface HttpEntity {
  etag: string;
  /** Until the cache entry goes stale; 0 or less: stale now. */
  freshForMs: number;
  /** How long after that a stale entry may still be served while it is refreshed. */
  graceMs: number;
}

/**
 * ETag, Cache-Control and Vary of a cached read. `public` only where the body is the same for everyone allowed to
 * read it (cache scope `public`); a league's or a user's data is `private`, and varies with who asks (the
 * Authorization header or the session cookie), so a browser shared by two users never serves one the other's.
 * Answers true when the request's If-None-Match already holds this entity: the caller then sends a 304.
 */
export function applyValidators(
  request: FastifyRequest,
  reply: FastifyReply,
  scope: CacheScope,
  entity: HttpEntity,
): boolean {
  const maxAge = Math.max(0, Math.floor(entity.freshForMs / 1000));
  const grace = Math.floor(entity.graceMs / 1000);
  reply.header('ETag', entity.etag);
  reply.header(
    'Cache-Control',
    `${scope === 'public' ? 'public' : 'private'}, max-age=${maxAge}${grace > 0 ? `, stale-while-revalidate=${grace}` : ''}`,
  );
  if (scope !== 'public') reply.header('Vary', 'Authorization, Cookie');
  return noneMatch(request.headers['if-none-match'], entity.etag);
}
