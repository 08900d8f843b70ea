import type { RiskReason } from '@league/contracts';

/** Thresholds of the risk assessment: each rule adds to a user's score (capped at 100). */
export const RISK = {
  /** Trades in 24 h: at least this many, and `volumeMultiple` times the user's own daily baseline. */
  highVolumeMin: 50,
  volumeMultiple: 3,
  /** Trades within one clock minute. */
  burstPerMinute: 10,
  /** A sell of a symbol within this many minutes of buying it counts as a round trip. */
  roundTripMinutes: 10,
  roundTripsMin: 3,
  /** Accounts younger than this trading at least `newAccountTrades` in 24 h. */
  newAccountDays: 7,
  newAccountTrades: 20,
} as const;

export interface RiskFacts {
  recentTrades: number;
  baselineDaily: number;
  maxPerMinute: number;
  roundTrips: number;
  accountAgeDays: number;
}

/** Score (0-100) and reasons of one user's last 24 hours against the rules above. */
export function assessRisk(f: RiskFacts): { score: number; reasons: RiskReason[]; reason: string } {
  const reasons: RiskReason[] = [];
  const notes: string[] = [];
  let score = 0;
  if (f.recentTrades >= RISK.highVolumeMin && f.recentTrades >= RISK.volumeMultiple * f.baselineDaily) {
    reasons.push('high_volume');
    const ratio = f.recentTrades / Math.max(f.baselineDaily, 1);
    score += 30 + Math.min(20, ratio);
    notes.push(`${f.recentTrades} trades in 24h vs a daily baseline of ${f.baselineDaily.toFixed(1)}`);
  }
  if (f.maxPerMinute >= RISK.burstPerMinute) {
    reasons.push('burst');
    score += 25 + Math.min(15, f.maxPerMinute - RISK.burstPerMinute);
    notes.push(`${f.maxPerMinute} trades within one minute`);
  }
  if (f.roundTrips >= RISK.roundTripsMin) {
    reasons.push('round_trips');
    score += 20 + Math.min(15, f.roundTrips * 2);
    notes.push(`${f.roundTrips} same-symbol round trips within ${RISK.roundTripMinutes} min`);
  }
  if (f.accountAgeDays < RISK.newAccountDays && f.recentTrades >= RISK.newAccountTrades) {
    reasons.push('new_account');
    score += 15;
    notes.push(`account ${f.accountAgeDays} day(s) old with ${f.recentTrades} trades in 24h`);
  }
  return { score: Math.min(100, Math.round(score)), reasons, reason: notes.join('; ') };
}

/**
 * Users of the last 24 hours (before `now`) that any rule may flag, with their counts: trades, the busiest
 * minute, round trips. One pass over a day of trades (index range on executed_at).
 */
export function riskCandidatesQuery(now: Date): { sql: string; params: unknown[] } {
  const day = 86_400_000;
  return {
    sql: `WITH recent AS (
         SELECT user_id, symbol, side, executed_at FROM trades WHERE executed_at >= $1 AND executed_at < $8
       ),
       per_user AS (SELECT user_id, count(*) AS recent_trades FROM recent GROUP BY user_id),
       bursts AS (
         SELECT user_id, max(n) AS max_per_minute
           FROM (SELECT user_id, count(*) AS n FROM recent GROUP BY user_id, date_trunc('minute', executed_at)) b
          GROUP BY user_id
       ),
       trips AS (
         SELECT user_id, count(*) FILTER (
                  WHERE side = 'sell' AND prev_side = 'buy' AND executed_at - prev_at <= make_interval(mins => $2)
                ) AS round_trips
           FROM (SELECT user_id, side, executed_at,
                        lag(side) OVER w AS prev_side, lag(executed_at) OVER w AS prev_at
                   FROM recent WINDOW w AS (PARTITION BY user_id, symbol ORDER BY executed_at)) s
          GROUP BY user_id
       )
       SELECT p.user_id, p.recent_trades, b.max_per_minute, coalesce(t.round_trips, 0) AS round_trips
         FROM per_user p JOIN bursts b USING (user_id) LEFT JOIN trips t USING (user_id)
         JOIN users u ON u.id = p.user_id
        WHERE p.recent_trades >= $3 OR b.max_per_minute >= $4 OR coalesce(t.round_trips, 0) >= $5
           OR (u.created_at >= $6 AND p.recent_trades >= $7)`,
    params: [
      new Date(now.getTime() - day),
      RISK.roundTripMinutes,
      RISK.highVolumeMin,
      RISK.burstPerMinute,
      RISK.roundTripsMin,
      new Date(now.getTime() - RISK.newAccountDays * day),
      RISK.newAccountTrades,
      now,
    ],
  };
}
