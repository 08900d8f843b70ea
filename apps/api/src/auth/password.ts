import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import pLimit from 'p-limit';

// OWASP's scrypt floor: N=2^17, r=8, p=1 (128 MiB of work memory per hash).
const PARAMS: ScryptOptions = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_LENGTH = 32;
/**
 * Each hash holds 128 MiB for ~100 ms: at most this many at once, so a flood of logins or registrations queues
 * instead of exhausting memory (libuv's pool has 4 threads anyway).
 */
const hashing = pLimit(4);

/** Hashes waiting for a worker (not counting the ones running). */
export function waitingHashes(): number {
  return hashing.pendingCount;
}

/**
 * A hash not computed because the client it was for had gone by the time a worker was free. Answered (to no one) as
 * 499, nginx's "client closed request", which the error filter keeps as a client error.
 */
export class ClientGoneError extends Error {
  readonly statusCode = 499;

  constructor() {
    super('The client closed its connection before its password was checked');
  }
}

function derive(password: string, salt: Buffer, params: ScryptOptions, clientGone?: AbortSignal): Promise<Buffer> {
  return hashing(() => {
    // Queued behind other hashes, a request may outlive its client's patience; its retry queues another hash.
    if (clientGone?.aborted) return Promise.reject(new ClientGoneError());
    return new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, params, (err, key) => (err ? reject(err) : resolve(key))),
    );
  });
}

/** Hashes a password as `scrypt$N$r$p$salt$key` (base64url parts), parameters stored for future upgrades. */
export async function hashPassword(password: string, clientGone?: AbortSignal): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, clientGone);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Constant-time comparison of a password against a stored hash. Rejects with ClientGoneError, without hashing, when
 * `clientGone` has fired by the time a worker is free.
 */
export async function verifyPassword(password: string, stored: string, clientGone?: AbortSignal): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: PARAMS.maxmem,
    },
    clientGone,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password: verifying against it costs as much as a real one, for unknown usernames. */
export const DUMMY_HASH_PROMISE = hashPassword(randomBytes(16).toString('hex'));
