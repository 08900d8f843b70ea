import type { FastifyRequest } from 'fastify';
import { InvalidCacheKeyError } from './cache-key.js';

/**
 * Reading key arguments from a raw request, for @CacheRoute key builders. The interceptor runs before the pipes,
 * so these accept only what the route's own validation accepts (and read it the same way); anything else throws
 * InvalidCacheKeyError, the request bypasses the cache and the handler answers it (usually 400).
 */

const ID_RE = /^\d{1,10}$/;
const MAX_ID = 2_147_483_647;
const MAX_PAGE = 100_000;

function params(request: FastifyRequest): Record<string, unknown> {
  return (request.params ?? {}) as Record<string, unknown>;
}

function query(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

/** A path id (`:id`, `:userId`) as IdParamPipe accepts it: a positive 32-bit integer. */
export function idParam(request: FastifyRequest, name: string): number {
  const raw = params(request)[name];
  if (typeof raw !== 'string' || !ID_RE.test(raw)) throw new InvalidCacheKeyError(`bad ${name}`);
  const n = Number(raw);
  if (n < 1 || n > MAX_ID) throw new InvalidCacheKeyError(`bad ${name}`);
  return n;
}

/** A path parameter as a string (symbols: CacheKey validates and upper-cases them). */
export function stringParam(request: FastifyRequest, name: string): string {
  const raw = params(request)[name];
  if (typeof raw !== 'string' || raw === '') throw new InvalidCacheKeyError(`bad ${name}`);
  return raw;
}

/**
 * The query string holds only `allowed` names, each at most once, for routes with a query DTO: the DTO rejects
 * unknown ones (forbidNonWhitelisted), and a key that ignored a parameter would serve one answer for two
 * questions. Routes without a query DTO ignore the query, and so do their keys (an added `?x=1` cannot skip
 * the cache).
 */
export function onlyQuery(request: FastifyRequest, allowed: readonly string[]): Record<string, string> {
  const q = query(request);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(q)) {
    if (!allowed.includes(name) || typeof value !== 'string') throw new InvalidCacheKeyError(`query ${name}`);
    out[name] = value;
  }
  return out;
}

/**
 * A positive integer query value read exactly as the DTOs read it (`@Type(() => Number) @IsInt @Min(1) @Max`), so
 * every spelling the route accepts (`2`, `02`, `2.0`) maps to the same key and none can be used to skip the cache;
 * absent: `fallback`.
 */
export function intQuery(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidCacheKeyError('bad integer');
  return n;
}

/** `?page=` of the fixed-size lists (leaderboard, activity): the only query parameter they take. */
export function pageQuery(request: FastifyRequest): number {
  return intQuery(onlyQuery(request, ['page']).page, 1, MAX_PAGE);
}

export { MAX_PAGE };
