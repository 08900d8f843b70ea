import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'league_session';

/** A new opaque bearer token: 32 random bytes. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored under the SHA-256 of their token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token of a request: the Bearer header first, else the session cookie. */
export function tokenOf(
  headers: Record<string, string | string[] | undefined>,
  cookies?: Record<string, string | undefined>,
): {
  token: string;
  via: 'bearer' | 'cookie';
} | null {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(auth.trim());
    if (match) return { token: match[1], via: 'bearer' };
  }
  const cookie = cookies?.[SESSION_COOKIE];
  if (cookie && /^[A-Za-z0-9_-]{20,200}$/.test(cookie)) return { token: cookie, via: 'cookie' };
  return null;
}
