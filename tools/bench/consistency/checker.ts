import { randomUUID } from 'node:crypto';
import { DemoRandom } from '../../../apps/api/src/trading/demo-data/demo-random.js';
import { CashHistory } from './cash-history.js';
import type { FaultInjector } from './fault-injector.js';
import type { FaultKind, FaultLog } from './fault-log.js';
import { Fleet, type Answer, type Instance } from './fleet.js';
import { toCents, Truth } from './truth.js';

/** The checker's operations. "own" reads must never be stale; "shared" ones only within a TTL while Redis is away. */
export const OPERATIONS = {
  trade: { weight: 20, rule: 'write' },
  own_portfolio: { weight: 15, rule: 'own' },
  own_trades: { weight: 8, rule: 'own' },
  leaderboard: { weight: 15, rule: 'shared' },
  league_members: { weight: 10, rule: 'shared' },
  league: { weight: 7, rule: 'shared' },
  me: { weight: 8, rule: 'own' },
  // Rarer than the rest: each logout is followed by a login, whose password check is deliberately slow.
  logout: { weight: 3, rule: 'session' },
  revoked_session: { weight: 12, rule: 'session' },
} as const;
export type Operation = keyof typeof OPERATIONS | 'portfolio_after_trade' | 'session_after_logout';

/** The TTLs that bound a shared read's staleness (DESIGN.md's defaults). */
const SHARED_TTL_MS: Partial<Record<Operation, number>> = {
  leaderboard: 5 * 60_000,
  league_members: 5 * 60_000,
  league: 10 * 60_000,
};

export interface StaleRead {
  operation: Operation;
  instance: string;
  userId: number;
  leagueId: number;
  expected: string;
  got: string;
  /** How long before the read began the value had been replaced (0 when unknown). */
  staleForMs: number;
  faults: FaultKind[];
  /** When the read began (ms since the epoch). */
  at: number;
  /** How the instance answered it (X-Cache: HIT, MISS, STALE), when it said. */
  cache?: string;
}

export interface ConsistencyOptions {
  instances: () => Instance[];
  databaseUrl: string;
  /** Operations to run (each checked read or write is one). */
  ops: number;
  users?: number;
  leagues?: number;
  seed?: number;
  log: FaultLog;
  faults?: FaultInjector;
  /** A fault starts every this many operations (none without `faults`). */
  faultEveryOps?: number;
  onProgress?: (done: number) => void;
  /** Stop issuing operations this long after they began (set-up excluded), even if fewer than `ops` ran. */
  maxMs?: number;
}

export interface ConsistencyReport {
  operations: number;
  byOperation: Record<string, number>;
  durationMs: number;
  users: number;
  leagues: number;
  faults: Record<FaultKind, number>;
  /** Violations: own reads or sessions stale at all, shared reads stale outside an outage or beyond their TTL. */
  stale: StaleRead[];
  /** Shared reads stale while Redis was unreachable and within their TTL (allowed, counted). */
  toleratedStale: number;
  /** Answers with an unexpected status, by "operation status". */
  errors: Record<string, number>;
  serverErrors: number;
  failovers: number;
  unavailable: number;
  timeouts: number;
  /** Each request not answered in time: its route, instance and when it was sent. */
  timedOut: { route: string; instance: string; at: number }[];
}

interface Member {
  id: number;
  username: string;
  token: string;
  /** Tokens this member logged out: each must be refused by every instance from then on. */
  revoked: string[];
  cash: Map<number, CashHistory>;
}

const PASSWORD = 'consistency checker password';
const STARTING_CASH = 100_000;

/**
 * Random operations by many members through random instances, each answer compared with PostgreSQL at that moment,
 * while `faults` break Redis or an instance. Members act concurrently; each member's own operations are sequential.
 */
export async function runConsistency(options: ConsistencyOptions): Promise<ConsistencyReport> {
  const random = new DemoRandom(options.seed ?? 12);
  const fleet = new Fleet(options.instances, random);
  const truth = new Truth(options.databaseUrl);
  const report: ConsistencyReport = {
    operations: 0,
    byOperation: {},
    durationMs: 0,
    users: options.users ?? 16,
    leagues: options.leagues ?? 2,
    faults: options.log.counts(),
    stale: [],
    toleratedStale: 0,
    errors: {},
    serverErrors: 0,
    failovers: 0,
    unavailable: 0,
    timeouts: 0,
    timedOut: [],
  };
  try {
    const { members, leagues, symbols } = await setUp(fleet, report.users, report.leagues);
    const byId = new Map(members.map((m) => [m.id, m]));
    const started = Date.now();
    const stopAt = started + (options.maxMs ?? Infinity);
    let issued = 0;

    const count = (operation: Operation) => {
      report.operations++;
      report.byOperation[operation] = (report.byOperation[operation] ?? 0) + 1;
    };
    const unexpected = (operation: Operation, answer: Answer | null) => {
      const key = `${operation} ${answer?.status ?? 'unreachable'}`;
      report.errors[key] = (report.errors[key] ?? 0) + 1;
      if (answer && answer.status >= 500) report.serverErrors++;
    };
    const stale = (read: Omit<StaleRead, 'faults' | 'at'>, readStartedAt: number, staleSince?: number) => {
      const ttl = SHARED_TTL_MS[read.operation];
      const since = staleSince ?? readStartedAt;
      if (ttl !== undefined && read.staleForMs <= ttl && options.log.redisUnreachableDuring(since, readStartedAt)) {
        report.toleratedStale++;
        return;
      }
      report.stale.push({ ...read, faults: options.log.activeAt(readStartedAt), at: readStartedAt });
    };

    /** The member's own portfolio: cash and every position exactly as PostgreSQL holds them now. */
    const checkOwnPortfolio = async (member: Member, leagueId: number, operation: Operation, avoid?: string) => {
      const at = Date.now();
      const answer = await fleet.call(`/api/leagues/${leagueId}/portfolio`, { token: member.token, avoid });
      count(operation);
      if (answer?.status !== 200) return unexpected(operation, answer);
      const held = await truth.holdings(member.id, leagueId);
      const got = {
        cash: toCents(answer.body.cash),
        positions: Object.fromEntries(
          (answer.body.positions as { instrument: string; quantity: number }[])
            .filter((p) => p.quantity > 0)
            .map((p) => [p.instrument, p.quantity]),
        ),
      };
      const expected = { cash: held.cashCents, positions: Object.fromEntries(held.positions) };
      if (!sameHoldings(got, expected)) {
        stale(
          {
            operation,
            instance: answer.instance,
            userId: member.id,
            leagueId,
            expected: JSON.stringify(expected),
            got: JSON.stringify(got),
            staleForMs: 0,
          },
          at,
        );
      }
    };

    /** Other members' cash as a shared read shows it, each judged against its history. */
    const checkCash = async (
      operation: Operation,
      answer: Answer,
      leagueId: number,
      rows: { user_id: number; cash: number }[],
      at: number,
    ) => {
      await Promise.all(
        rows.map(async (row) => {
          const history = byId.get(row.user_id)?.cash.get(leagueId);
          if (!history) return;
          const verdict = await history.check(toCents(row.cash), at);
          if (verdict.fresh === false) {
            stale(
              {
                operation,
                instance: answer.instance,
                userId: row.user_id,
                leagueId,
                expected: String(verdict.expectedCents / 100),
                got: String(row.cash),
                staleForMs: Math.max(0, at - verdict.staleSince),
                cache: answer.headers['x-cache'],
              },
              at,
              verdict.staleSince,
            );
          }
        }),
      );
    };

    const run: Record<keyof typeof OPERATIONS, (member: Member, leagueId: number) => Promise<void>> = {
      async trade(member, leagueId) {
        const history = member.cash.get(leagueId)!;
        const held = await truth.holdings(member.id, leagueId);
        const owned = [...held.positions.keys()];
        const sell = owned.length > 0 && random.chance(0.5);
        const order = {
          symbol: sell ? random.pick(owned) : random.pick(symbols),
          side: sell ? 'sell' : 'buy',
          quantity: random.int(1, 3),
        };
        history.inFlight = true;
        let answer: Answer | null = null;
        try {
          answer = await fleet.call(`/api/leagues/${leagueId}/trades`, {
            method: 'POST',
            token: member.token,
            body: order,
            headers: { 'idempotency-key': randomUUID() },
          });
          count('trade');
          if (answer?.status === 201) {
            history.acknowledge(toCents(answer.body.cash));
          } else {
            // Refused (422: not enough cash) or unknown: the database says what happened.
            if (answer?.status !== 422) unexpected('trade', answer);
            history.acknowledge((await truth.holdings(member.id, leagueId)).cashCents);
          }
        } finally {
          // Never leave readers of this member's cash waiting on a write that failed to settle.
          if (history.inFlight) history.acknowledge(history.currentCents);
        }
        // Read your own write, from another instance when there is one.
        await checkOwnPortfolio(member, leagueId, 'portfolio_after_trade', answer?.instance);
      },
      async own_portfolio(member, leagueId) {
        await checkOwnPortfolio(member, leagueId, 'own_portfolio');
      },
      async own_trades(member, leagueId) {
        const answer = await fleet.call(`/api/leagues/${leagueId}/trades?user_id=${member.id}&page_size=1`, {
          token: member.token,
        });
        count('own_trades');
        if (answer?.status !== 200) return unexpected('own_trades', answer);
        const expected = await truth.tradeCount(member.id, leagueId);
        if (answer.body.total !== expected) {
          stale(
            {
              operation: 'own_trades',
              instance: answer.instance,
              userId: member.id,
              leagueId,
              expected: `${expected} trades`,
              got: `${answer.body.total} trades`,
              staleForMs: 0,
            },
            Date.now(),
          );
        }
      },
      async leaderboard(member, leagueId) {
        const at = Date.now();
        const answer = await fleet.call(`/api/leagues/${leagueId}/leaderboard`, { token: member.token });
        count('leaderboard');
        if (answer?.status !== 200) return unexpected('leaderboard', answer);
        await checkCash('leaderboard', answer, leagueId, answer.body.items, at);
      },
      async league_members(member, leagueId) {
        const at = Date.now();
        const answer = await fleet.call(`/api/leagues/${leagueId}/members`, { token: member.token });
        count('league_members');
        if (answer?.status !== 200) return unexpected('league_members', answer);
        await checkCash('league_members', answer, leagueId, answer.body.members, at);
      },
      async league(member, leagueId) {
        const at = Date.now();
        const answer = await fleet.call(`/api/leagues/${leagueId}`, { token: member.token });
        count('league');
        if (answer?.status !== 200) return unexpected('league', answer);
        const expected = await truth.memberCount(leagueId);
        if (answer.body.member_count !== expected) {
          stale(
            {
              operation: 'league',
              instance: answer.instance,
              userId: member.id,
              leagueId,
              expected: `${expected} members`,
              got: `${answer.body.member_count} members`,
              staleForMs: 0,
            },
            at,
          );
        }
      },
      async me(member) {
        const answer = await fleet.call('/api/auth/me', { token: member.token });
        count('me');
        if (answer?.status !== 200) unexpected('me', answer);
      },
      async logout(member) {
        const answer = await fleet.call('/api/auth/logout', { method: 'POST', token: member.token, body: {} });
        count('logout');
        if (answer?.status !== 204) unexpected('logout', answer);
        if ((await truth.liveSessions(member.id)) === 0) {
          member.revoked.push(member.token);
          // Ended: the very next use, on another instance, must be refused.
          await checkRevoked(member, member.token, 'session_after_logout', answer?.instance);
        }
        // A login the fleet cannot answer is reported, and tried again before the member's next operation.
        const fresh = await login(fleet, member.username).catch((error: Error) => {
          report.errors[`login: ${error.message}`] = (report.errors[`login: ${error.message}`] ?? 0) + 1;
          return '';
        });
        member.token = fresh;
      },
      async revoked_session(member) {
        if (!member.revoked.length) return run.me(member, 0);
        await checkRevoked(member, random.pick(member.revoked), 'revoked_session');
      },
    };

    const checkRevoked = async (member: Member, token: string, operation: Operation, avoid?: string) => {
      const at = Date.now();
      const answer = await fleet.call('/api/auth/me', { token, avoid });
      count(operation);
      if (answer?.status === 401) return;
      if (answer?.status !== 200) return unexpected(operation, answer);
      stale(
        {
          operation,
          instance: answer.instance,
          userId: member.id,
          leagueId: 0,
          expected: '401',
          got: '200',
          staleForMs: 0,
        },
        at,
      );
    };

    const weighted = Object.entries(OPERATIONS).flatMap(([name, { weight }]) =>
      Array<keyof typeof OPERATIONS>(weight).fill(name as keyof typeof OPERATIONS),
    );
    const act = async (member: Member) => {
      while (issued < options.ops && Date.now() < stopAt) {
        if (!member.token) {
          member.token = await login(fleet, member.username).catch(() => '');
          if (!member.token) continue;
        }
        issued++;
        await run[random.pick(weighted)](member, random.pick(leagues));
        options.onProgress?.(report.operations);
      }
    };
    const injectFaults = async () => {
      if (!options.faults) return;
      const every = options.faultEveryOps ?? 500;
      let nextAt = every;
      while (issued < options.ops && Date.now() < stopAt) {
        if (report.operations >= nextAt) {
          await options.faults.next();
          nextAt = report.operations + every;
        } else {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    await Promise.all([...members.map(act), injectFaults()]);
    report.durationMs = Date.now() - started;
    report.faults = options.log.counts();
    report.failovers = fleet.failovers;
    report.unavailable = fleet.unavailable;
    report.timeouts = fleet.timeouts;
    report.timedOut = fleet.timedOut;
    return report;
  } finally {
    await truth.close();
  }
}

function sameHoldings(
  a: { cash: number; positions: Record<string, number> },
  b: { cash: number; positions: Record<string, number> },
): boolean {
  const keys = new Set([...Object.keys(a.positions), ...Object.keys(b.positions)]);
  return a.cash === b.cash && [...keys].every((k) => a.positions[k] === b.positions[k]);
}

const LOGIN_TIMEOUT_MS = 60_000;

/** Logs in, waiting as told when the server is busy (503 or 429 with Retry-After, or no answer in time). */
async function login(fleet: Fleet, username: string): Promise<string> {
  const giveUpAt = Date.now() + 120_000;
  for (;;) {
    // A login queues for its password hash (scrypt, 128 MiB, bounded per instance): under this load it can wait
    // longer than other requests, and a client that gives up early leaves its hash to run anyway.
    const answer = await fleet.call('/api/auth/login', {
      method: 'POST',
      body: { username, password: PASSWORD },
      timeoutMs: LOGIN_TIMEOUT_MS,
    });
    if (answer?.status === 200) return answer.body.token;
    const busy = !answer || answer.status === 503 || answer.status === 429;
    if (!busy || Date.now() > giveUpAt) {
      throw new Error(`login failed: ${answer?.status} ${JSON.stringify(answer?.body)}`);
    }
    await new Promise((r) => setTimeout(r, 1000 * Math.min(5, Number(answer?.headers['retry-after']) || 1)));
  }
}

/** Members registered through the API, leagues created by the first and joined by every other member. */
async function setUp(
  fleet: Fleet,
  users: number,
  leagueCount: number,
): Promise<{ members: Member[]; leagues: number[]; symbols: string[] }> {
  const tag = Date.now().toString(36);
  const members: Member[] = [];
  for (let i = 0; i < users; i++) {
    const username = `checker${tag}${i}`;
    const reg = await fleet.call('/api/auth/register', {
      method: 'POST',
      body: { username, email: `${username}@example.com`, password: PASSWORD },
    });
    if (reg?.status !== 201) throw new Error(`register failed: ${reg?.status} ${JSON.stringify(reg?.body)}`);
    members.push({ id: reg.body.id, username, token: await login(fleet, username), revoked: [], cash: new Map() });
  }
  const leagues: number[] = [];
  for (let l = 0; l < leagueCount; l++) {
    const created = await fleet.call('/api/leagues', {
      method: 'POST',
      token: members[0].token,
      body: { name: `Checker league ${tag} ${l}`, starting_cash: STARTING_CASH },
    });
    if (created?.status !== 201) throw new Error(`league not created: ${created?.status}`);
    leagues.push(created.body.id);
    for (const member of members.slice(1)) {
      const joined = await fleet.call(`/api/leagues/${created.body.id}/join`, { method: 'POST', token: member.token });
      if (joined?.status !== 200 && joined?.status !== 201) throw new Error(`join failed: ${joined?.status}`);
    }
    for (const member of members) member.cash.set(created.body.id, new CashHistory(STARTING_CASH * 100));
  }
  const quotes = await fleet.call('/api/quotes', { token: members[0].token });
  const items: { symbol: string }[] = Array.isArray(quotes?.body) ? quotes.body : (quotes?.body?.items ?? []);
  if (!items.length) throw new Error(`no quotes: ${quotes?.status}`);
  return { members, leagues, symbols: items.slice(0, 6).map((q) => q.symbol) };
}
