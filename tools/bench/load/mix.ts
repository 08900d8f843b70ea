import { performance } from 'node:perf_hooks';
import type { DemoRandom } from '../../../apps/api/src/trading/demo-data/demo-random.js';
import type { World } from './world.js';
import { Zipf } from './zipf.js';

/** A request of the mix, as autocannon's setupRequest returns it. */
export interface MixRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a connection remembers about its request in flight (autocannon's per-connection context). */
export interface InFlight {
  kind?: string;
  sentAt?: number;
  undo?: () => void;
  done?: () => void;
}

/** Counts and latencies of one run, by kind of request. */
export class Tally {
  readonly latencies: number[] = [];
  readonly byKind = new Map<
    string,
    { count: number; hits: number; latencies: number[]; statuses: Map<number, number> }
  >();
  readonly xcache = new Map<string, number>();

  record(kind: string, status: number, ms: number, xcache: string | undefined): void {
    let entry = this.byKind.get(kind);
    if (!entry) this.byKind.set(kind, (entry = { count: 0, hits: 0, latencies: [], statuses: new Map() }));
    entry.count++;
    if (xcache === 'HIT') entry.hits++;
    entry.latencies.push(ms);
    entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
    this.latencies.push(ms);
    if (xcache) this.xcache.set(xcache, (this.xcache.get(xcache) ?? 0) + 1);
  }

  count(predicate: (status: number) => boolean): number {
    let n = 0;
    for (const entry of this.byKind.values()) for (const [s, c] of entry.statuses) if (predicate(s)) n += c;
    return n;
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Shares of the players' mix: 90% reads, 10% trades. */
export const PLAYER_MIX: Array<[string, number]> = [
  ['leaderboard', 20],
  ['portfolio', 20],
  ['quote', 14],
  ['trades_list', 10],
  ['league_stats', 7],
  ['league', 5],
  ['activity', 5],
  ['members', 4],
  ['user_stats', 5],
  ['trade', 10],
];

/** The dashboard's JSON routes an admin's open monitoring page polls. */
export const ADMIN_ROUTES = [
  '/admin/monitoring/overview',
  '/admin/monitoring/health',
  '/admin/monitoring/database/json',
  '/admin/monitoring/active-users/json',
  '/admin/monitoring/engagement/json',
  '/admin/monitoring/trading-activity/json',
  '/admin/monitoring/league-activity/json',
  '/admin/monitoring/risk-assessment/json',
  '/admin/monitoring/realtime/stats',
  '/admin/monitoring/performance/json',
  '/admin/monitoring/cache/json',
];

/**
 * The players' requests: a league by Zipf, one of its logged-in members by Zipf, a symbol by Zipf, then a kind by
 * the mix's shares. Trades are valid orders: a sale only of shares the member holds, a purchase only with the cash
 * to pay (both tracked as the answers come back).
 */
export class PlayerMix {
  private readonly leagueZipf: Zipf;
  private readonly symbolZipf: Zipf;
  private readonly memberZipfs = new Map<number, Zipf>();
  private readonly kinds: string[] = [];

  constructor(
    private readonly world: World,
    private readonly random: DemoRandom,
    mix: Array<[string, number]> = PLAYER_MIX,
  ) {
    const next = () => random.next();
    this.leagueZipf = new Zipf(world.leagues.length, next);
    this.symbolZipf = new Zipf(world.symbols.length, next);
    for (const [league, members] of world.members) this.memberZipfs.set(league, new Zipf(members.length, next));
    for (const [kind, share] of mix) for (let i = 0; i < share; i++) this.kinds.push(kind);
  }

  next(context: InFlight): MixRequest {
    const league = this.world.leagues[this.leagueZipf.next()];
    const members = this.world.members.get(league)!;
    const user = members[this.memberZipfs.get(league)!.next()];
    const headers = { authorization: `Bearer ${this.world.tokens.get(user)}` };
    const kind = this.kinds[Math.floor(this.random.next() * this.kinds.length)];
    context.kind = kind;
    context.sentAt = performance.now();
    context.undo = context.done = undefined;
    const get = (path: string): MixRequest => ({ method: 'GET', path, headers });
    switch (kind) {
      case 'leaderboard':
        return get(`/api/leagues/${league}/leaderboard`);
      case 'portfolio':
        return get(`/api/leagues/${league}/portfolio`);
      case 'quote':
        return get(`/api/quotes/${this.symbolZipf.pick(this.world.symbols)}`);
      case 'trades_list':
        return get(`/api/leagues/${league}/trades`);
      case 'league_stats':
        return get(`/api/leagues/${league}/stats`);
      case 'league':
        return get(`/api/leagues/${league}`);
      case 'activity':
        return get(`/api/leagues/${league}/activity`);
      case 'members':
        return get(`/api/leagues/${league}/members`);
      case 'user_stats':
        return get(`/api/users/${members[this.memberZipfs.get(league)!.next()]}/stats`);
      default:
        return this.trade(league, user, headers, context);
    }
  }

  private trade(league: number, user: number, headers: Record<string, string>, context: InFlight): MixRequest {
    const symbol = this.symbolZipf.pick(this.world.symbols);
    const held = `${league}:${user}:${symbol}`;
    const wallet = `${league}:${user}`;
    const price = this.world.prices.get(symbol)! * 1.05;
    const shares = this.world.holdings.get(held) ?? 0;
    const cash = this.world.cash.get(wallet) ?? 0;
    let side: 'buy' | 'sell';
    if (shares > 0 && (this.random.chance(0.5) || cash < price)) {
      side = 'sell';
      this.world.holdings.set(held, shares - 1);
      context.undo = () => this.world.holdings.set(held, (this.world.holdings.get(held) ?? 0) + 1);
      context.done = () => this.world.cash.set(wallet, (this.world.cash.get(wallet) ?? 0) + price / 1.05);
    } else if (cash >= price) {
      side = 'buy';
      this.world.cash.set(wallet, cash - price);
      context.undo = () => this.world.cash.set(wallet, (this.world.cash.get(wallet) ?? 0) + price);
      context.done = () => this.world.holdings.set(held, (this.world.holdings.get(held) ?? 0) + 1);
    } else {
      // Neither cash nor shares: this player looks at their portfolio instead.
      context.kind = 'portfolio';
      return { method: 'GET', path: `/api/leagues/${league}/portfolio`, headers };
    }
    return {
      method: 'POST',
      path: `/api/leagues/${league}/trades`,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ symbol, side, quantity: 1 }),
    };
  }
}

/** Only the first page of leaderboards, by Zipf over leagues: the cached-read throughput case. */
export class CachedReadMix {
  private readonly leagueZipf: Zipf;

  constructor(
    private readonly world: World,
    random: DemoRandom,
  ) {
    this.leagueZipf = new Zipf(world.leagues.length, () => random.next());
  }

  next(context: InFlight): MixRequest {
    const league = this.world.leagues[this.leagueZipf.next()];
    const user = this.world.members.get(league)![0];
    context.kind = 'leaderboard';
    context.sentAt = performance.now();
    context.undo = context.done = undefined;
    return {
      method: 'GET',
      path: `/api/leagues/${league}/leaderboard`,
      headers: { authorization: `Bearer ${this.world.tokens.get(user)}` },
    };
  }
}

/** Records an answer; a trade's bookkeeping follows its outcome. */
export function onAnswer(tally: Tally, context: InFlight, status: number, headers: Record<string, string>): void {
  const ms = performance.now() - (context.sentAt ?? performance.now());
  const xcache = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-cache')?.[1];
  tally.record(context.kind ?? 'unknown', status, ms, xcache);
  if (status >= 200 && status < 300) context.done?.();
  else context.undo?.();
}
