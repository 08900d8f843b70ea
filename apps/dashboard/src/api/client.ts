import type { ErrorBody } from '@league/contracts';

/** An API error with the server's `{statusCode, error, message}`, or the bare status of a non-JSON error page. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a body that should be JSON; a proxy's HTML error page is not, and must not surface as a SyntaxError. */
function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Same-origin fetch with the session cookie. State-changing calls send X-Requested-With, which the API demands
 * of cookie-authenticated requests (a cross-site form cannot set it).
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    signal: init.signal,
    headers: {
      accept: 'application/json',
      'x-requested-with': 'fetch',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) {
    const message = (body as ErrorBody | undefined)?.message;
    throw new ApiError(
      response.status,
      typeof message === 'string' && message
        ? message
        : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    );
  }
  if (body === undefined && text) throw new ApiError(response.status, `HTTP ${response.status}: not JSON`);
  return body as T;
}

/** Whether a failed call is worth retrying: network errors and 5xx are, a client error (4xx) never is. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError && error.status >= 400 && error.status < 500);
}
