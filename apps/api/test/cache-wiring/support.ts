import { decodeEntry } from '../../src/cache/cache-codec.js';
import { CacheService } from '../../src/cache/cache.service.js';
import { MarketService } from '../../src/market/market.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-database.js';
import { rawRedis } from '../cache/cache-test-app.js';

export { HAS_REDIS, MODES, modeEnv, rawRedis } from '../cache/cache-test-app.js';

export interface Raw {
  status: number;
  /** The body exactly as sent. */
  text: string;
  json: any;
  cache: string | undefined;
}

export interface WiringApp extends TestApp {
  cache: CacheService;
  /** A GET with the raw body and X-Cache. */
  get(url: string, token?: string, headers?: Record<string, string>): Promise<Raw>;
  /** Moves every price one step (as the quote_tick job does) at `at`; returns how many changed. */
  tick(at: Date): Promise<number>;
}

export async function startWiringApp(options: { env?: Record<string, string>; db?: TestDatabase }) {
  const t = await startTestApp(options);
  const get = async (url: string, token?: string, headers: Record<string, string> = {}): Promise<Raw> => {
    const response = await t.app.inject({
      method: 'GET',
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      json = undefined;
    }
    const cache = response.headers['x-cache'];
    return {
      status: response.statusCode,
      text: response.body,
      json,
      cache: cache === undefined ? undefined : String(cache),
    };
  };
  const tick = async (at: Date) => (await t.app.get(MarketService).tick(at)).changed;
  return Object.assign(t, { cache: t.app.get(CacheService), get, tick }) as WiringApp;
}

export interface League {
  id: number;
  owner: { id: number; token: string; username: string };
  /** Signed up last: ranked after the 55 filler members, so on leaderboard page 2. */
  late: { id: number; token: string; username: string };
}

/**
 * A league with 57 members (all at the starting cash, so ranked by user id): its owner (page 1), 55 filler
 * members inserted directly (no logins needed) and `late`, who joined last (page 2).
 */
export async function leagueWithTwoPages(t: TestApp): Promise<League> {
  const owner = await t.signUp();
  const created = await t.request({
    method: 'POST',
    url: '/api/leagues',
    token: owner.token,
    body: { name: 'Wiring League' },
  });
  if (created.status !== 201) throw new Error(`create league: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as number;
  const tag = Math.random().toString(36).slice(2, 8);
  await t.db.query(
    `WITH u AS (
       INSERT INTO users (username, email, password_hash)
       SELECT 'filler_${tag}_' || i, 'filler_${tag}_' || i || '@example.com', 'x' FROM generate_series(1, 55) i
       RETURNING id)
     INSERT INTO league_members (league_id, user_id, cash) SELECT $1, u.id, l.starting_cash FROM u, leagues l WHERE l.id = $1`,
    [id],
  );
  const late = await t.signUp();
  const joined = await t.request({ method: 'POST', url: `/api/leagues/${id}/join`, token: late.token });
  if (joined.status !== 200) throw new Error(`join: ${joined.status}`);
  return { id, owner, late };
}

/** The entry under `key` in Redis (the app's prefix), decoded: the stored body text, or null when absent. */
export async function redisBody(t: TestApp, key: string): Promise<string | null> {
  const client = await rawRedis();
  try {
    const text = await client.get(`${t.config.cache.prefix}:${key}`);
    if (text === null) return null;
    const entry = decodeEntry(text);
    if (!entry) throw new Error(`not a cache entry: ${key}`);
    return entry.value as string;
  } finally {
    await client.quit();
  }
}

/** The JSON text of a wire object as the route would send it (to compare a cached body with the truth). */
export async function truth(value: Promise<unknown>): Promise<unknown> {
  return JSON.parse(JSON.stringify(await value));
}
