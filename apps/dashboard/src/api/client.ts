import type { ErrorBody } from '@league/contracts';

/** An API error with the server's `{statusCode, error, message}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Same-origin fetch with the session cookie. State-changing calls send X-Requested-With, which the API demands
 * of cookie-authenticated requests (a cross-site form cannot set it).
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'x-requested-with': 'fetch',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = body as ErrorBody | undefined;
    throw new ApiError(response.status, error?.message ?? response.statusText);
  }
  return body as T;
}
