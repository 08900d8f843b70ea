import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
/** A wire type by its component name: `Schema<'Leaderboard'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
export type ApiClient = Client<paths>;

/**
 * X-Requested-With on every call: the API demands it of cookie-authenticated requests that change state (a
 * cross-site form cannot set it), and it costs nothing on the others.
 */
const requestedWith: Middleware = {
  onRequest({ request }) {
    request.headers.set('x-requested-with', 'fetch');
    return request;
  },
};

/**
 * A typed client of the REST API, generated from its OpenAPI document: paths, parameters, bodies and responses
 * are checked at compile time. Same-origin cookie auth by default; pass `headers: {authorization: 'Bearer ...'}`
 * for a token. Conditional requests (If-None-Match) are left to the browser's HTTP cache.
 */
export function createApiClient(options: ClientOptions = {}): ApiClient {
  const client = createClient<paths>({ credentials: 'same-origin', ...options });
  client.use(requestedWith);
  return client;
}
