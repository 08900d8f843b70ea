import { Decimal } from 'decimal.js';

/**
 * Money is exact: PostgreSQL numeric values arrive as strings and are computed on with decimal.js. Only at
 * the wire are they turned into numbers, rounded to cents (half away from zero, as a bank statement would).
 */
export function cents(value: Decimal.Value | null): number {
  return value === null ? 0 : Number(new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
}

/** A percentage rounded to 2 decimals: `part / whole * 100` (0 when whole is 0). */
export function percent(part: Decimal.Value, whole: Decimal.Value): number {
  const w = new Decimal(whole);
  if (w.isZero()) return 0;
  return cents(new Decimal(part).dividedBy(w).times(100));
}

/** Rounds a per-share price to cents, the tick size of every execution. */
export function toCentsDecimal(value: Decimal.Value): Decimal {
  return new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Rounds a model value (a float) to 4 decimals for display (greeks, volatility). */
export function round4(value: number): number {
  return Number(value.toFixed(4));
}
