import pg from 'pg';
import { hashPassword } from '../../auth/password.js';
import { blackScholes, RISK_FREE_RATE } from '../../market/black-scholes.js';
import {
  CONTRACT_MULTIPLIER,
  expiresAt,
  optionInstrument,
  strikesAround,
  upcomingExpirations,
  yearsToExpiration,
} from '../../market/option-contract.js';
import { TICKERS } from '../../market/tickers.js';
import { CopyWriter } from './copy-writer.js';
import { checkForeignKeysAfterLoad, deferIndexes } from './deferred-indexes.js';
import { FIRST_NAMES, LAST_NAMES, LEAGUE_ADJECTIVES, LEAGUE_NOUNS } from './demo-names.js';
import { DemoRandom, WeightedSampler, zipfWeights } from './demo-random.js';

export interface DemoDataOptions {
  users: number;
  leagues: number;
  days: number;
  trades: number;
  seed?: number;
}

export const DEMO_PRESETS = {
  small: { users: 500, leagues: 20, days: 30, trades: 100_000 },
  large: { users: 100_000, leagues: 1_000, days: 60, trades: 5_000_000 },
} satisfies Record<string, DemoDataOptions>;

/** Every demo user logs in with this password (one scrypt hash shared by all: hashing 100k would take hours). */
export const DEMO_PASSWORD = 'demo-password';

export interface SeedProgress {
  phase: 'prices' | 'users' | 'leagues' | 'trades' | 'positions' | 'indexes';
  done: number;
  total: number;
}

export interface DemoDataSummary {
  users: number;
  leagues: number;
  archivedLeagues: number;
  members: number;
  trades: number;
  activities: number;
  positions: number;
  suspiciousUsers: string[];
  ms: number;
}

const DAY_MS = 86_400_000;
const STARTING_CASH = [10_000, 25_000, 50_000, 100_000, 1_000_000];
const STARTING_CASH_WEIGHTS = [2, 1, 2, 5, 1];

/** Share of ordinary orders that are option orders (opening buys and closing sells of contracts). */
const OPTION_ORDER_SHARE = 0.06;
/** Settlement runs a few minutes after the 21:00 UTC expiry (the option_expiry job). */
const SETTLEMENT_DELAY_MS = 5 * 60_000;

interface OptionHolding {
  s: number;
  type: 'call' | 'put';
  strike: string;
  expiration: string;
  qty: number;
  avgE4: number;
}

interface Member {
  userIndex: number;
  cash: number; // cents
  joinedAt: number;
  /** symbol index -> shares and average cost in 1/10000 of a dollar. */
  positions: Map<number, { qty: number; avgE4: number }>;
  /** instrument -> contracts held. */
  options: Map<string, OptionHolding>;
}

/** Half away from zero, as decimal.js's ROUND_HALF_UP does in the API, so replays agree to the cent. */
function roundHalfUp(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** Integer cents as a decimal string ("-12.05"). */
function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** 1/10000 units as a 4-decimal string. */
function price4(e4: number): string {
  return `${Math.floor(e4 / 10_000)}.${String(e4 % 10_000).padStart(4, '0')}`;
}

/**
 * Loads a realistic, internally consistent demo data set with COPY:
 * users with logins spread over the days, leagues with power-law sizes (some archived), trades with Zipf-popular
 * symbols, daily and intraday seasonality, a few suspicious traders (bursts and round trips), and league cash and
 * positions derived from those trades (so leaderboards, portfolios and stats add up). A few percent of the orders
 * are option orders at the Black-Scholes mid; contracts that expired are settled at intrinsic value, as the
 * option_expiry job does.
 */
export async function seedDemoData(
  databaseUrl: string,
  options: DemoDataOptions,
  onProgress: (p: SeedProgress) => void = () => {},
): Promise<DemoDataSummary> {
  const started = Date.now();
  const random = new DemoRandom(options.seed ?? 42);
  const a = new pg.Client({ connectionString: databaseUrl });
  const b = new pg.Client({ connectionString: databaseUrl });
  await a.connect();
  await b.connect();
  try {
    const now = Date.now();
    const todayStart = Math.floor(now / DAY_MS) * DAY_MS;
    const start = todayStart - (options.days - 1) * DAY_MS;

    // ---- prices: a daily path per symbol that ends at the current quote ----
    onProgress({ phase: 'prices', done: 0, total: 1 });
    await a.query(
      `INSERT INTO quotes (symbol, name, price, prev_close, volatility)
       SELECT s, n, p, p, v FROM unnest($1::text[], $2::text[], $3::numeric[], $4::numeric[]) AS x(s, n, p, v)
       ON CONFLICT (symbol) DO NOTHING`,
      [
        TICKERS.map((t) => t.symbol),
        TICKERS.map((t) => t.name),
        TICKERS.map((t) => t.price),
        TICKERS.map((t) => t.volatility),
      ],
    );
    const quoteRows = (
      await a.query<{ symbol: string; price: string; volatility: string }>(
        `SELECT symbol, price, volatility FROM quotes`,
      )
    ).rows;
    // Zipf popularity follows the TICKERS order (mega caps first); other symbols trail.
    const order = new Map(TICKERS.map((t, i) => [t.symbol, i]));
    quoteRows.sort(
      (x, y) => (order.get(x.symbol) ?? 1e9) - (order.get(y.symbol) ?? 1e9) || (x.symbol < y.symbol ? -1 : 1),
    );
    const symbols = quoteRows.map((q) => q.symbol);
    const volatilities = quoteRows.map((q) => Number(q.volatility));
    const paths = quoteRows.map((q) => {
      const sigma = Number(q.volatility);
      const path = new Float64Array(options.days + 1);
      path[options.days] = Number(q.price);
      for (let d = options.days - 1; d >= 0; d--) {
        const step = Math.exp((0.07 - (sigma * sigma) / 2) / 252 + (sigma / Math.sqrt(252)) * random.gaussian());
        path[d] = Math.max(0.05, path[d + 1] / step);
      }
      return path;
    });
    const history: { s: string[]; t: Date[]; p: string[] } = { s: [], t: [], p: [] };
    symbols.forEach((s, i) => {
      for (let d = 0; d < options.days; d++) {
        const close = start + d * DAY_MS + 21 * 3_600_000;
        if (close >= now) break;
        history.s.push(s);
        history.t.push(new Date(close));
        history.p.push(paths[i][d + 1].toFixed(4));
      }
    });
    await a.query(
      `INSERT INTO quote_history (symbol, recorded_at, price)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::numeric[]) ON CONFLICT DO NOTHING`,
      [history.s, history.t, history.p],
    );
    await a.query(
      `UPDATE quotes q SET prev_close = x.p FROM unnest($1::text[], $2::numeric[]) AS x(s, p) WHERE q.symbol = x.s`,
      [symbols, paths.map((p) => p[Math.max(0, options.days - 1)].toFixed(4))],
    );
    const symbolSampler = new WeightedSampler(zipfWeights(symbols.length, 1.1));

    // ---- users, with logins spread over the days ----
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const base = Number((await a.query<{ n: number }>(`SELECT coalesce(max(id), 0) AS n FROM users`)).rows[0].n);
    const usernames: string[] = [];
    await a.query('BEGIN');
    await b.query('BEGIN');
    const users = new CopyWriter(
      a,
      `COPY users (username, email, password_hash, role, created_at, last_login_at) FROM STDIN`,
    );
    const logins = new CopyWriter(b, `COPY login_attempts (username, ip, success, created_at) FROM STDIN`);
    for (let i = 0; i < options.users; i++) {
      const username = `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}${base + i + 1}`;
      usernames.push(username);
      const createdAt = start - random.int(1, 365) * DAY_MS + random.int(0, DAY_MS);
      // Most users came back recently, some long ago, a few never logged in.
      const lastLogin = random.chance(0.07)
        ? null
        : now - Math.floor(Math.pow(random.next(), 2.2) * options.days * DAY_MS);
      await users.row([
        username,
        `${username}@demo.example`,
        passwordHash,
        'user',
        new Date(createdAt).toISOString(),
        lastLogin === null ? null : new Date(lastLogin).toISOString(),
      ]);
      if (lastLogin !== null) {
        const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        const count = Math.min(40, Math.floor(random.pareto(1.3)));
        for (let k = 0; k < count; k++) {
          const at = start + Math.floor(random.next() * (lastLogin - start));
          await logins.row([username, ip, 't', new Date(Math.max(at, createdAt)).toISOString()]);
        }
        await logins.row([username, ip, 't', new Date(lastLogin).toISOString()]);
        if (random.chance(0.03)) await logins.row([username, ip, 'f', new Date(lastLogin - 60_000).toISOString()]);
      }
      if (i % 5000 === 0) onProgress({ phase: 'users', done: i, total: options.users });
    }
    await users.end();
    await logins.end();
    await a.query('COMMIT');
    await b.query('COMMIT');
    const idRows = (
      await a.query<{ id: number; username: string }>(`SELECT id, username FROM users WHERE id > $1`, [base])
    ).rows;
    const idOf = new Map(idRows.map((r) => [r.username, r.id]));
    const userIds = usernames.map((u) => idOf.get(u)!);
    onProgress({ phase: 'users', done: options.users, total: options.users });

    // ---- leagues: power-law sizes, some archived ----
    const leagueBase = Number(
      (await a.query<{ n: number }>(`SELECT coalesce(max(id), 0) AS n FROM leagues`)).rows[0].n,
    );
    const cashSampler = new WeightedSampler(STARTING_CASH_WEIGHTS);
    const rawSizes = Array.from({ length: options.leagues }, () => random.pareto(1.2));
    const targetMemberships = Math.max(options.users * 1.5, options.leagues * 3);
    const scale = targetMemberships / rawSizes.reduce((x, y) => x + y, 0);
    const maxSize = Math.max(2, Math.floor(options.users * 0.3));
    const archivedCount = options.leagues >= 5 ? Math.max(1, Math.round(options.leagues * 0.1)) : 0;
    const names = new Set<string>();
    interface League {
      id: number;
      startingCash: number;
      createdAt: number;
      archivedAt: number | null;
      members: Member[];
      activity: number;
    }
    const leagues: League[] = [];
    await a.query('BEGIN');
    const leagueWriter = new CopyWriter(
      a,
      `COPY leagues (id, name, description, owner_id, status, starting_cash, created_at, updated_at, archived_at) FROM STDIN`,
    );
    for (let i = 0; i < options.leagues; i++) {
      const size = Math.min(maxSize, Math.max(2, Math.round(rawSizes[i] * scale)));
      const createdAt = start - random.int(1, 60) * DAY_MS - random.int(0, DAY_MS);
      // The last leagues are the archived ones (sizes are random, so they are a fair sample).
      const archivedAt =
        i >= options.leagues - archivedCount
          ? now - (random.int(Math.ceil(options.days / 3), options.days) * DAY_MS) / 2
          : null;
      let name = `${random.pick(LEAGUE_ADJECTIVES)} ${random.pick(LEAGUE_NOUNS)}`;
      if (names.has(name)) name = `${name} ${i + 1}`;
      names.add(name);
      const chosen = new Set<number>();
      const owner = random.int(0, options.users - 1);
      chosen.add(owner);
      while (chosen.size < size) chosen.add(random.int(0, options.users - 1));
      const startingCash = STARTING_CASH[cashSampler.sample(random)];
      const members: Member[] = [...chosen].map((userIndex) => ({
        userIndex,
        cash: startingCash * 100,
        joinedAt: userIndex === owner ? createdAt : createdAt + Math.floor(random.next() * (start - createdAt)),
        positions: new Map(),
        options: new Map(),
      }));
      const league: League = {
        id: leagueBase + i + 1,
        startingCash,
        createdAt,
        archivedAt,
        members,
        // Bigger leagues trade more, less than proportionally; some are simply busier.
        activity: (Math.pow(size, 0.8) * random.pareto(2.5) * ((archivedAt ?? now) - start)) / (now - start),
      };
      leagues.push(league);
      await leagueWriter.row([
        league.id,
        name,
        `A demo league of ${size} players.`,
        userIds[owner],
        archivedAt ? 'archived' : 'active',
        startingCash,
        new Date(createdAt).toISOString(),
        new Date(archivedAt ?? createdAt).toISOString(),
        archivedAt ? new Date(archivedAt).toISOString() : null,
      ]);
    }
    await leagueWriter.end();
    await a.query(`SELECT setval(pg_get_serial_sequence('leagues', 'id'), (SELECT max(id) FROM leagues))`);
    await a.query('COMMIT');
    onProgress({ phase: 'leagues', done: options.leagues, total: options.leagues });

    // ---- trades and their activities, league by league, two COPY streams in parallel ----
    // Suspicious traders: a few members of active leagues who trade in bursts and round trips.
    const suspicious = new Map<League, Set<number>>();
    const suspiciousUsers = new Set<number>();
    const active = leagues.filter((l) => !l.archivedAt);
    const suspiciousCount = Math.max(3, Math.round(options.users / 250));
    for (let k = 0; k < suspiciousCount && active.length; k++) {
      const league = random.pick(active);
      const member = random.int(0, league.members.length - 1);
      if (!suspicious.has(league)) suspicious.set(league, new Set());
      suspicious.get(league)!.add(member);
      suspiciousUsers.add(league.members[member].userIndex);
    }
    const totalActivity = leagues.reduce((x, l) => x + l.activity, 0);
    // Intraday profile (UTC minutes): U-shaped over the 14:30-21:00 session, thin outside it.
    const minuteWeights = Array.from({ length: 1440 }, (_, m) => {
      if (m < 870 || m >= 1260) return 0.03;
      const x = (m - 1065) / 195;
      return 1 + 2 * x * x;
    });
    const minuteSampler = new WeightedSampler(minuteWeights);
    const dayWeights = Array.from({ length: options.days }, (_, d) => {
      const weekday = new Date(start + d * DAY_MS).getUTCDay();
      return (weekday === 0 || weekday === 6 ? 0.08 : 1) * (1 + (0.5 * d) / options.days);
    });
    const daySampler = new WeightedSampler(dayWeights);

    let tradeId = Number((await a.query<{ n: number }>(`SELECT coalesce(max(id), 0) AS n FROM trades`)).rows[0].n);
    await a.query('BEGIN');
    await b.query('BEGIN');
    const rebuildTradeIndexes = await deferIndexes(a, 'trades');
    const rebuildActivityIndexes = await deferIndexes(b, 'activities');
    const checkTradeKeys = await checkForeignKeysAfterLoad(a, 'trades');
    const checkActivityKeys = await checkForeignKeysAfterLoad(b, 'activities');
    const tradeWriter = new CopyWriter(
      a,
      `COPY trades (id, league_id, user_id, symbol, side, asset_type, option_type, strike, expiration, quantity, price,
                    amount, realized_pnl, executed_at) FROM STDIN`,
    );
    const activityWriter = new CopyWriter(
      b,
      `COPY activities (league_id, user_id, type, payload, created_at) FROM STDIN`,
    );
    let done = 0;
    let assigned = 0;
    for (let li = 0; li < leagues.length; li++) {
      const league = leagues[li];
      const quota =
        li === leagues.length - 1
          ? options.trades - assigned
          : Math.round((options.trades * league.activity) / totalActivity);
      assigned += quota;
      const end = league.archivedAt ?? now;
      // Events: time, member (-1: pick by activity), kind (0 trade, 1 round-trip buy, 2 round-trip sell), symbol.
      const ts: number[] = [];
      const who: number[] = [];
      const kind: number[] = [];
      const sym: number[] = [];
      const sample = (): number => {
        for (;;) {
          const t =
            start + daySampler.sample(random) * DAY_MS + minuteSampler.sample(random) * 60_000 + random.int(0, 59_999);
          if (t < end) return t;
        }
      };
      const add = (t: number, member: number, k: number, symbol: number) => {
        ts.push(t);
        who.push(member);
        kind.push(k);
        sym.push(symbol);
      };
      let budget = quota;
      for (const member of suspicious.get(league) ?? []) {
        for (let episode = 0; episode < 3 && budget > 0; episode++) {
          const t0 = sample();
          const burst = Math.min(budget, random.int(15, 40));
          for (let k = 0; k < burst; k++) add(t0 + k * random.int(2_000, 9_000), member, 0, -1);
          budget -= burst;
        }
        for (let trip = 0; trip < 6 && budget >= 2; trip++) {
          const t0 = sample();
          const s = symbolSampler.sample(random);
          add(t0, member, 1, s);
          add(t0 + random.int(20_000, 90_000), member, 2, s);
          budget -= 2;
        }
      }
      for (let k = 0; k < budget; k++) add(sample(), -1, 0, -1);
      const order = Uint32Array.from(ts.keys()).sort((x, y) => ts[x] - ts[y]);
      const memberSampler = new WeightedSampler(league.members.map(() => random.pareto(1.16)));
      const lastTrip = new Map<number, number>(); // member -> quantity bought by its open round trip

      /** Writes one option trade (and its activity) and applies it to the member's cash and holdings. */
      const writeOptionTrade = async (
        member: Member,
        h: OptionHolding,
        side: 'buy' | 'sell',
        qty: number,
        cents: number,
        t: number,
        activity: 'trade' | 'option_expired',
      ) => {
        const amount = qty * cents * CONTRACT_MULTIPLIER;
        const priceE4 = cents * 100;
        const instrument = optionInstrument(symbols[h.s], h.type, h.expiration, h.strike);
        let realized: number | null = null;
        if (side === 'buy') {
          member.cash -= amount;
          h.avgE4 = roundHalfUp((h.qty * h.avgE4 + qty * priceE4) / (h.qty + qty));
          h.qty += qty;
          member.options.set(instrument, h);
        } else {
          member.cash += amount;
          realized = roundHalfUp(((priceE4 - h.avgE4) * qty * CONTRACT_MULTIPLIER) / 100);
          h.qty -= qty;
          if (h.qty === 0) member.options.delete(instrument);
        }
        tradeId++;
        const userId = userIds[member.userIndex];
        const at = new Date(t).toISOString();
        await tradeWriter.raw(
          `${tradeId}\t${league.id}\t${userId}\t${symbols[h.s]}\t${side}\toption\t${h.type}\t${h.strike}\t${h.expiration}\t${qty}\t${price4(priceE4)}\t${money(amount)}\t${
            realized === null ? '\\N' : money(realized)
          }\t${at}`,
        );
        const payload = {
          trade_id: tradeId,
          username: usernames[member.userIndex],
          symbol: symbols[h.s],
          instrument,
          ...(activity === 'trade' ? { side } : {}),
          quantity: qty,
          price: cents / 100,
          amount: amount / 100,
          ...(realized !== null && activity === 'option_expired' ? { realized_pnl: realized / 100 } : {}),
        };
        await activityWriter.row([league.id, userId, activity, JSON.stringify(payload), at]);
        if (++done % 20_000 === 0) onProgress({ phase: 'trades', done, total: options.trades });
      };

      /** Black-Scholes mid of one share of the contract at time t, in cents. */
      const optionCents = (h: OptionHolding, spotCents: number, t: number) =>
        roundHalfUp(
          blackScholes({
            type: h.type,
            spot: spotCents / 100,
            strike: Number(h.strike),
            years: yearsToExpiration(h.expiration, new Date(t)),
            rate: RISK_FREE_RATE,
            volatility: volatilities[h.s],
          }).price * 100,
        );

      /** Settles the member's contracts whose settlement time has come by `t`, at the close of expiration day. */
      const settleExpired = async (member: Member, t: number) => {
        for (const h of [...member.options.values()]) {
          const settleAt = expiresAt(h.expiration).getTime() + SETTLEMENT_DELAY_MS;
          if (settleAt > t) continue;
          const day = Math.min(options.days - 1, Math.floor((expiresAt(h.expiration).getTime() - start) / DAY_MS));
          const spot = roundHalfUp(Number(paths[h.s][day + 1].toFixed(4)) * 100);
          const strike = Math.round(Number(h.strike) * 100);
          const intrinsic = Math.max(0, h.type === 'call' ? spot - strike : strike - spot);
          await writeOptionTrade(member, h, 'sell', h.qty, intrinsic, settleAt, 'option_expired');
        }
      };

      for (const e of order) {
        const t = Math.max(ts[e], start);
        if (t >= end) continue; // a burst that would run past now or the archiving
        const mi = who[e] >= 0 ? who[e] : memberSampler.sample(random);
        const member = league.members[mi];
        const day = Math.min(options.days - 1, Math.floor((t - start) / DAY_MS));
        // paths[s][day + 1] is that day's close (the last one is the current quote).
        const priceAt = (s: number) =>
          Math.max(1, Math.round(paths[s][day + 1] * 100 * (1 + 0.004 * random.gaussian())));
        if (member.options.size) await settleExpired(member, t);
        if (kind[e] === 0 && random.chance(OPTION_ORDER_SHARE)) {
          const open = [...member.options.values()].filter((h) => expiresAt(h.expiration).getTime() > t);
          if (open.length && random.chance(0.45)) {
            const h = random.pick(open);
            const cents = optionCents(h, priceAt(h.s), t);
            await writeOptionTrade(
              member,
              h,
              'sell',
              random.chance(0.5) ? h.qty : random.int(1, h.qty),
              cents,
              t,
              'trade',
            );
            continue;
          }
          const s = symbolSampler.sample(random);
          const spot = priceAt(s);
          const strikes = strikesAround(spot / 100);
          const h: OptionHolding = {
            s,
            type: random.chance(0.55) ? 'call' : 'put',
            strike: strikes[random.int(3, Math.min(7, strikes.length - 1))].toFixed(2),
            expiration: random.pick(upcomingExpirations(new Date(t), 2)),
            qty: 0,
            avgE4: 0,
          };
          const cents = optionCents(h, spot, t);
          if (cents < 1) continue; // worth less than a cent: not for sale
          const contract = cents * CONTRACT_MULTIPLIER;
          const notional = league.startingCash * 100 * (0.005 + 0.03 * random.next());
          const qty = Math.min(Math.max(1, Math.floor(notional / contract)), Math.floor(member.cash / contract));
          if (!qty) continue;
          const held = member.options.get(optionInstrument(symbols[s], h.type, h.expiration, h.strike));
          await writeOptionTrade(member, held ?? h, 'buy', qty, cents, t, 'trade');
          continue;
        }
        let side: 'buy' | 'sell';
        let s: number;
        let qty: number;
        let cents: number;
        if (kind[e] === 2) {
          s = sym[e];
          const held = member.positions.get(s)?.qty ?? 0;
          qty = Math.min(held, lastTrip.get(mi) ?? 0);
          if (!qty) continue;
          side = 'sell';
          cents = priceAt(s);
        } else {
          const sellNow =
            member.positions.size > 0 &&
            kind[e] === 0 &&
            (random.chance(0.42) || member.cash < league.startingCash * 3);
          if (sellNow) {
            s = random.pick([...member.positions.keys()]);
            const held = member.positions.get(s)!.qty;
            qty = random.chance(0.35) ? held : random.int(1, held);
            side = 'sell';
            cents = priceAt(s);
          } else {
            s = kind[e] === 1 ? sym[e] : symbolSampler.sample(random);
            cents = priceAt(s);
            const notional = league.startingCash * 100 * (0.01 + 0.11 * random.next());
            qty = Math.max(1, Math.floor(notional / cents));
            if (qty * cents > member.cash) qty = Math.floor(member.cash / cents);
            if (!qty) continue;
            side = 'buy';
            if (kind[e] === 1) lastTrip.set(mi, qty);
          }
        }
        const amount = qty * cents;
        const priceE4 = cents * 100;
        const pos = member.positions.get(s);
        let realized: number | null = null;
        if (side === 'buy') {
          member.cash -= amount;
          if (pos) {
            pos.avgE4 = roundHalfUp((pos.qty * pos.avgE4 + qty * priceE4) / (pos.qty + qty));
            pos.qty += qty;
          } else member.positions.set(s, { qty, avgE4: priceE4 });
        } else {
          member.cash += amount;
          realized = roundHalfUp(((priceE4 - pos!.avgE4) * qty) / 100);
          pos!.qty -= qty;
          if (pos!.qty === 0) member.positions.delete(s);
        }
        tradeId++;
        const userId = userIds[member.userIndex];
        const at = new Date(t).toISOString();
        await tradeWriter.raw(
          `${tradeId}\t${league.id}\t${userId}\t${symbols[s]}\t${side}\tstock\t\\N\t\\N\t\\N\t${qty}\t${price4(priceE4)}\t${money(amount)}\t${
            realized === null ? '\\N' : money(realized)
          }\t${at}`,
        );
        await activityWriter.raw(
          `${league.id}\t${userId}\ttrade\t{"trade_id": ${tradeId}, "username": "${usernames[member.userIndex]}", "symbol": "${
            symbols[s]
          }", "instrument": "${symbols[s]}", "side": "${side}", "quantity": ${qty}, "price": ${money(cents)}, "amount": ${money(
            amount,
          )}}\t${at}`,
        );
        if (++done % 20_000 === 0) onProgress({ phase: 'trades', done, total: options.trades });
      }
      // Contracts that expired by now were settled by the option_expiry job.
      for (const member of league.members) if (member.options.size) await settleExpired(member, now);
      // Membership history for the feed.
      const owner = league.members[0];
      await activityWriter.row([
        league.id,
        userIds[owner.userIndex],
        'league_created',
        '{}',
        new Date(league.createdAt).toISOString(),
      ]);
      for (const m of league.members.slice(1)) {
        await activityWriter.row([
          league.id,
          userIds[m.userIndex],
          'member_joined',
          JSON.stringify({ username: usernames[m.userIndex] }),
          new Date(m.joinedAt).toISOString(),
        ]);
      }
      if (league.archivedAt) {
        await activityWriter.row([
          league.id,
          userIds[owner.userIndex],
          'league_archived',
          '{}',
          new Date(league.archivedAt).toISOString(),
        ]);
      }
    }
    const [trades, activities] = await Promise.all([tradeWriter.end(), activityWriter.end()]);
    onProgress({ phase: 'indexes', done: 0, total: 1 });
    await Promise.all([rebuildTradeIndexes(), rebuildActivityIndexes()]);
    await Promise.all([checkTradeKeys(), checkActivityKeys()]);
    await a.query(`SELECT setval(pg_get_serial_sequence('trades', 'id'), (SELECT max(id) FROM trades))`);
    await a.query('COMMIT');
    await b.query('COMMIT');
    onProgress({ phase: 'trades', done, total: options.trades });

    // ---- members' cash and positions, as the trades left them ----
    onProgress({ phase: 'positions', done: 0, total: 1 });
    await a.query('BEGIN');
    const memberWriter = new CopyWriter(a, `COPY league_members (league_id, user_id, cash, joined_at) FROM STDIN`);
    let members = 0;
    for (const league of leagues) {
      for (const m of league.members) {
        await memberWriter.raw(
          `${league.id}\t${userIds[m.userIndex]}\t${money(m.cash)}\t${new Date(m.joinedAt).toISOString()}`,
        );
        members++;
      }
    }
    await memberWriter.end();
    const positionWriter = new CopyWriter(
      a,
      `COPY positions (league_id, user_id, instrument, symbol, asset_type, option_type, strike, expiration, quantity,
                       avg_cost) FROM STDIN`,
    );
    for (const league of leagues) {
      for (const m of league.members) {
        for (const [s, p] of m.positions) {
          await positionWriter.raw(
            `${league.id}\t${userIds[m.userIndex]}\t${symbols[s]}\t${symbols[s]}\tstock\t\\N\t\\N\t\\N\t${p.qty}\t${price4(p.avgE4)}`,
          );
        }
        for (const [instrument, h] of m.options) {
          await positionWriter.row([
            league.id,
            userIds[m.userIndex],
            instrument,
            symbols[h.s],
            'option',
            h.type,
            h.strike,
            h.expiration,
            h.qty,
            price4(h.avgE4),
          ]);
        }
      }
    }
    const positions = await positionWriter.end();
    await a.query('COMMIT');
    onProgress({ phase: 'indexes', done: 0, total: 1 });
    // VACUUM sets the visibility map: counts over a league's trades or activities are index-only from the start.
    await a.query(
      'VACUUM (ANALYZE) users, leagues, league_members, trades, positions, activities, login_attempts, quote_history',
    );
    onProgress({ phase: 'indexes', done: 1, total: 1 });
    return {
      users: options.users,
      leagues: options.leagues,
      archivedLeagues: archivedCount,
      members,
      trades,
      activities,
      positions,
      suspiciousUsers: [...suspiciousUsers].map((i) => usernames[i]),
      ms: Date.now() - started,
    };
  } catch (error) {
    await a.query('ROLLBACK').catch(() => {});
    await b.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await a.end();
    await b.end();
  }
}
