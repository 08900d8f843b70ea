import type { TestDatabase } from '../support/test-database.js';

/**
 * A small, fully known data set for the monitoring endpoints. Every expected figure of the tests is computed
 * from these arrays in plain TypeScript, never by asking the database the same question the code asks.
 */
export interface FixtureUser {
  id: number;
  username: string;
  createdAt: Date;
  lastLoginAt: Date | null;
}
export interface FixtureLeague {
  id: number;
  name: string;
  status: 'active' | 'archived';
  createdAt: Date;
  members: number[];
}
export interface FixtureTrade {
  leagueId: number;
  userId: number;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  executedAt: Date;
}
export interface FixtureLogin {
  username: string;
  success: boolean;
  at: Date;
}
export interface Fixture {
  now: Date;
  users: FixtureUser[];
  leagues: FixtureLeague[];
  trades: FixtureTrade[];
  logins: FixtureLogin[];
  /** Users flagged by the risk rules, by design of the data. */
  risky: { highVolume: number; burst: number; roundTrips: number; newAccount: number };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SYMBOLS = ['AAPL', 'MSFT', 'GOOG', 'TSLA', 'NVDA'];

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Offsets that sit close to a window edge (24 h, 7 days) are moved away so test timing never matters. */
function safeOffset(ms: number): number {
  for (const edge of [DAY, 7 * DAY, HOUR]) if (Math.abs(ms - edge) < 5 * MIN) return ms + 10 * MIN;
  return ms;
}

export async function loadFixture(db: TestDatabase): Promise<Fixture> {
  const now = new Date();
  const random = rng(20261128);
  const at = (agoMs: number) => new Date(now.getTime() - agoMs);
  // 12 users: the first four are the risk cases; user 4 (index 3) is a 2-day-old account.
  const userSpecs = Array.from({ length: 12 }, (_, i) => ({
    username: `fx_user_${i}`,
    createdAt: i === 3 ? at(2 * DAY) : at((40 + i) * DAY),
    lastLoginAt: i < 5 ? at((i + 1) * 10 * MIN) : i < 8 ? at((2 + i) * DAY) : null,
  }));
  const userRows = await db.query<{ id: number }>(
    `INSERT INTO users (username, email, password_hash, created_at, last_login_at)
     SELECT u, u || '@example.com', 'x', c, l FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS x(u, c, l)
     RETURNING id`,
    [userSpecs.map((u) => u.username), userSpecs.map((u) => u.createdAt), userSpecs.map((u) => u.lastLoginAt)],
  );
  const users: FixtureUser[] = userSpecs.map((u, i) => ({ id: userRows[i].id, ...u }));

  const leagueSpecs = [
    { name: 'Tech Portfolio', status: 'active' as const, createdAt: at(20 * DAY) },
    { name: 'Value Hunters', status: 'active' as const, createdAt: at(3 * DAY) },
    { name: 'Day Traders', status: 'active' as const, createdAt: at(3 * DAY + 2 * HOUR) },
    { name: 'Old Season', status: 'archived' as const, createdAt: at(90 * DAY) },
    { name: 'Older Season', status: 'archived' as const, createdAt: at(120 * DAY) },
  ];
  const leagues: FixtureLeague[] = [];
  for (const [i, spec] of leagueSpecs.entries()) {
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO leagues (name, owner_id, status, starting_cash, created_at, archived_at)
       VALUES ($1, $2, $3, 100000, $4, CASE WHEN $3 = 'archived' THEN $4::timestamptz + interval '30 days' END)
       RETURNING id`,
      [spec.name, users[i].id, spec.status, spec.createdAt],
    );
    // League i has members i .. i+5 (wrapping), so member counts and league counts per user are known.
    const members = Array.from({ length: 4 + i }, (_, k) => users[(i + k) % users.length].id);
    await db.query(`INSERT INTO league_members (league_id, user_id, cash) SELECT $1, unnest($2::int[]), 100000`, [
      row.id,
      members,
    ]);
    leagues.push({ id: row.id, ...spec, members });
  }

  const trades: FixtureTrade[] = [];
  const add = (league: FixtureLeague, userId: number, symbol: string, side: 'buy' | 'sell', agoMs: number) =>
    trades.push({
      leagueId: league.id,
      userId,
      symbol,
      side,
      quantity: 1 + Math.floor(random() * 200),
      price: Math.round((50 + random() * 400) * 100) / 100,
      executedAt: at(agoMs),
    });
  // Background: 300 trades over 8 days by members of the active leagues.
  for (let i = 0; i < 300; i++) {
    const league = leagues[Math.floor(random() * 3)];
    const userId = league.members[Math.floor(random() * league.members.length)];
    const symbol = SYMBOLS[Math.floor(random() * SYMBOLS.length)];
    add(league, userId, symbol, random() < 0.55 ? 'buy' : 'sell', safeOffset(Math.floor(random() * 8 * DAY) + MIN));
  }
  const [u0, u1, u2, u3] = users;
  const tech = leagues[0];
  // High volume: 60 trades in the last 24 h spread over hours (no burst), one symbol per 12 trades.
  for (let i = 0; i < 60; i++) add(tech, u0.id, SYMBOLS[i % 5], 'buy', safeOffset(2 * HOUR + i * 20 * MIN));
  // Burst: 12 trades within one clock minute, 3 hours ago.
  const burstMinute = Math.floor((now.getTime() - 3 * HOUR) / MIN) * MIN;
  for (let i = 0; i < 12; i++) {
    trades.push({
      leagueId: tech.id,
      userId: u1.id,
      symbol: SYMBOLS[i % 5],
      side: 'buy',
      quantity: 5,
      price: 100,
      executedAt: new Date(burstMinute + 1_000 + i * 4_000),
    });
  }
  // Round trips: buy then sell TSLA within 2 minutes, 4 times, hours apart.
  for (let i = 0; i < 4; i++) {
    add(tech, u2.id, 'TSLA', 'buy', 5 * HOUR + i * HOUR);
    add(tech, u2.id, 'TSLA', 'sell', 5 * HOUR + i * HOUR - 2 * MIN);
  }
  // New account: 25 trades in 24 h, 2-day-old account, spread out (no burst, under the volume threshold).
  for (let i = 0; i < 25; i++)
    add(tech, u3.id, SYMBOLS[(i * 2) % 5], i % 2 ? 'sell' : 'buy', safeOffset(30 * MIN + i * 50 * MIN));

  await db.query(
    `INSERT INTO trades (league_id, user_id, symbol, side, asset_type, quantity, price, amount, executed_at)
     SELECT l, u, s, d, 'stock', q, p, round(q * p, 2), e
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::numeric[], $7::timestamptz[])
         AS x(l, u, s, d, q, p, e)`,
    [
      trades.map((t) => t.leagueId),
      trades.map((t) => t.userId),
      trades.map((t) => t.symbol),
      trades.map((t) => t.side),
      trades.map((t) => t.quantity),
      trades.map((t) => t.price),
      trades.map((t) => t.executedAt),
    ],
  );

  // Logins over the last days: successes count as activity for the engagement series, failures do not.
  const logins: FixtureLogin[] = [];
  for (let d = 0; d < 10; d++) {
    for (let k = 0; k < (d % 4) + 1; k++) {
      logins.push({
        username: users[(d + k * 3) % users.length].username,
        success: true,
        at: at(d * DAY + (k + 1) * 7 * MIN),
      });
    }
    logins.push({ username: users[d % users.length].username, success: false, at: at(d * DAY + 3 * MIN) });
  }
  await db.query(
    `INSERT INTO login_attempts (username, ip, success, created_at)
     SELECT u, '10.0.0.1', s, c FROM unnest($1::text[], $2::bool[], $3::timestamptz[]) AS x(u, s, c)`,
    [logins.map((l) => l.username), logins.map((l) => l.success), logins.map((l) => l.at)],
  );
  return {
    now,
    users,
    leagues,
    trades,
    logins,
    risky: { highVolume: u0.id, burst: u1.id, roundTrips: u2.id, newAccount: u3.id },
  };
}

export const amountOf = (t: FixtureTrade) => Math.round(t.quantity * t.price * 100) / 100;

export function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function startOfUtcDay(d: Date): Date {
  return new Date(Math.floor(d.getTime() / DAY) * DAY);
}

export { DAY, HOUR, MIN };
