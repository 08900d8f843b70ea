import type { paths } from '@league/api-client';
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

/** The server's time for each body received (its `Server-Timing` data duration, ms), by the body itself. */
const serverTimes = new WeakMap<object, number>();

/** How long the server took to produce `data` (Server-Timing), when it said so. */
export function serverTimeOf(data: unknown): number | undefined {
  return typeof data === 'object' && data !== null ? serverTimes.get(data) : undefined;
}

/** The `dur` of the `data` metric of a Server-Timing header (`data;dur=12.3`). */
export function parseServerTiming(header: string | null): number | undefined {
  const metric = header?.split(',').find((m) => m.trim().split(';')[0] === 'data');
  const dur = metric && /;\s*dur=([\d.]+)/.exec(metric);
  return dur ? Number(dur[1]) : undefined;
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
  const serverTime = parseServerTiming(response.headers.get('server-timing'));
  if (serverTime !== undefined && typeof body === 'object' && body !== null) serverTimes.set(body, serverTime);
  return body as T;
}

/** Whether a failed call is worth retrying: network errors and 5xx are, a client error (4xx) never is. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError && error.status >= 400 && error.status < 500);
}

type Method = 'get' | 'post';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** The API's paths that answer `method`, from the client generated from its OpenAPI document. */
export type PathOf<M extends Method> = {
  [P in keyof paths]-?: [NonNullable<paths[P][M]>] extends [never] ? never : P;
}[keyof paths];
type Success<R> = R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : never;
/** The JSON body `method path` answers on success (void for 204). */
export type Answer<P extends keyof paths, M extends Method> =
  Success<Operation<P, M>['responses']> extends { content: { 'application/json': infer B } } ? B : void;
type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : undefined;

/**
 * A call typed by the generated client (libs/api-client): the path must exist for the method, the body and the
 * answer have the document's types, so a change of the API breaks the dashboard's build, not its pages.
 */
export function call<M extends Method, P extends PathOf<M>>(
  method: M,
  path: P,
  options: {
    path?: Record<string, string | number>;
    query?: Record<string, string | number | undefined>;
    body?: RequestBody<P, M>;
    signal?: AbortSignal;
  } = {},
): Promise<Answer<P, M>> {
  const filled = (path as string).replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(options.path?.[name])),
  );
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return api<Answer<P, M>>(query ? `${filled}?${query}` : filled, {
    method: method.toUpperCase(),
    // A POST without a body of its own sends `{}`, as it always has.
    body: options.body ?? (method === 'post' ? {} : undefined),
    signal: options.signal,
  });
}
