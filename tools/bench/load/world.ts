import pg from 'pg';
import { DEMO_PASSWORD } from '../../../apps/api/src/trading/demo-data/demo-data.js';
import { DemoRandom } from '../../../apps/api/src/trading/demo-data/demo-random.js';

/** What the load mix draws from, read from the seeded database; leagues, users and symbols in popularity order. */
export interface World {
  leagues: number[];
  /** Each league's members, most active first (the users' global popularity order). */
  members: Map<number, number[]>;
  symbols: string[];
  prices: Map<string, number>;
  /** Cash per member (`league:user`). */
  cash: Map<string, number>;
  /** Shares held per `league:user:symbol`. */
  holdings: Map<string, number>;
  /** Logged-in users' bearer tokens. */
  tokens: Map<number, string>;
}

function shuffle<T>(items: T[], random: DemoRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Reads leagues, members, symbols, cash and stock positions; popularity ranks are a seeded shuffle. */
export async function loadWorld(databaseUrl: string, random: DemoRandom): Promise<World> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const leagues = (await client.query<{ id: number }>(`SELECT id FROM leagues WHERE status = 'active' ORDER BY id`))
      .rows;
    const users = (await client.query<{ id: number }>(`SELECT id FROM users WHERE role <> 'admin' ORDER BY id`)).rows;
    const memberRows = (
      await client.query<{ league_id: number; user_id: number; cash: string }>(
        'SELECT league_id, user_id, cash FROM league_members',
      )
    ).rows;
    const quotes = (await client.query<{ symbol: string; price: string }>('SELECT symbol, price FROM quotes')).rows;
    const positions = (
      await client.query<{ league_id: number; user_id: number; symbol: string; quantity: number }>(
        `SELECT league_id, user_id, symbol, quantity FROM positions WHERE asset_type = 'stock' AND quantity > 0`,
      )
    ).rows;
    const userRank = new Map(
      shuffle(
        users.map((u) => u.id),
        random,
      ).map((id, rank) => [id, rank]),
    );
    const leagueIds = shuffle(
      leagues.map((l) => l.id),
      random,
    );
    const active = new Set(leagueIds);
    const members = new Map<number, number[]>();
    const cash = new Map<string, number>();
    for (const row of memberRows) {
      if (!active.has(row.league_id) || !userRank.has(row.user_id)) continue;
      members.set(row.league_id, [...(members.get(row.league_id) ?? []), row.user_id]);
      cash.set(`${row.league_id}:${row.user_id}`, Number(row.cash));
    }
    for (const list of members.values()) list.sort((a, b) => userRank.get(a)! - userRank.get(b)!);
    return {
      leagues: leagueIds.filter((id) => members.has(id)),
      members,
      symbols: shuffle(
        quotes.map((q) => q.symbol),
        random,
      ),
      prices: new Map(quotes.map((q) => [q.symbol, Number(q.price)])),
      cash,
      holdings: new Map(positions.map((p) => [`${p.league_id}:${p.user_id}:${p.symbol}`, p.quantity])),
      tokens: new Map(),
    };
  } finally {
    await client.end();
  }
}

/**
 * Logs in, through the API, the `perLeague` most active members of every league (demo users share one password),
 * `concurrency` at a time: password hashing is the expensive part.
 */
export async function logIn(base: string, databaseUrl: string, world: World, perLeague: number, concurrency = 4) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const names = new Map(
    (await client.query<{ id: number; username: string }>('SELECT id, username FROM users')).rows.map((r) => [
      r.id,
      r.username,
    ]),
  );
  await client.end();
  const wanted = [...new Set([...world.members.values()].flatMap((list) => list.slice(0, perLeague)))];
  const queue = [...wanted];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        world.tokens.set(id, await login(base, names.get(id)!, DEMO_PASSWORD));
      }
    }),
  );
  for (const [league, list] of world.members) {
    world.members.set(
      league,
      list.filter((id) => world.tokens.has(id)),
    );
  }
}

export async function login(base: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 200 || !body.token)
    throw new Error(`login ${username}: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}
