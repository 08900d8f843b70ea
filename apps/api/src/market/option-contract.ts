import { Decimal } from 'decimal.js';

/** Shares per option contract. */
export const CONTRACT_MULTIPLIER = 100;

/** Options expire at the 4 pm New York close, taken as 21:00 UTC. */
const EXPIRY_UTC_HOUR = 21;
const MS_PER_YEAR = 365 * 24 * 3600 * 1000;

/** OCC-style id of a contract, the `instrument` of its position: `AAPL 2026-01-16 C 150.00`. */
export function optionInstrument(symbol: string, type: 'call' | 'put', expiration: string, strike: Decimal.Value) {
  return `${symbol} ${expiration} ${type === 'call' ? 'C' : 'P'} ${new Decimal(strike).toFixed(2)}`;
}

/** When the contract expiring on `expiration` (YYYY-MM-DD) stops trading. */
export function expiresAt(expiration: string): Date {
  return new Date(`${expiration}T${String(EXPIRY_UTC_HOUR).padStart(2, '0')}:00:00Z`);
}

export function yearsToExpiration(expiration: string, now: Date): number {
  return Math.max(0, expiresAt(expiration).getTime() - now.getTime()) / MS_PER_YEAR;
}

/** The third Friday of a month (monthly options expiration), as YYYY-MM-DD. */
export function thirdFriday(year: number, month0: number): string {
  const first = new Date(Date.UTC(year, month0, 1));
  const firstFriday = 1 + ((5 - first.getUTCDay() + 7) % 7);
  return new Date(Date.UTC(year, month0, firstFriday + 14)).toISOString().slice(0, 10);
}

/** The next `count` monthly expirations that have not yet expired at `now`, nearest first. */
export function upcomingExpirations(now: Date, count = 4): string[] {
  const out: string[] = [];
  let year = now.getUTCFullYear();
  let month = now.getUTCMonth();
  while (out.length < count) {
    const date = thirdFriday(year, month);
    if (expiresAt(date).getTime() > now.getTime()) out.push(date);
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return out;
}

/** Strike spacing by price level, as listed exchanges do. */
export function strikeStep(spot: number): number {
  if (spot < 5) return 0.5;
  if (spot < 25) return 1;
  if (spot < 100) return 2.5;
  if (spot < 250) return 5;
  if (spot < 1000) return 10;
  return 50;
}

/** `2 * around + 1` strikes centred on the one nearest the spot. */
export function strikesAround(spot: number, around = 5): Decimal[] {
  const step = new Decimal(strikeStep(spot));
  const atm = new Decimal(spot).dividedBy(step).toDecimalPlaces(0).times(step);
  const strikes: Decimal[] = [];
  for (let i = -around; i <= around; i++) {
    const k = atm.plus(step.times(i));
    if (k.greaterThan(0)) strikes.push(k);
  }
  return strikes;
}
