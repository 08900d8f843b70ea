/**
 * SQL fragments that value a position row at the current quote, shared by the leaderboard, portfolio and
 * stats queries so they always agree: the price it would trade at, in cents (so quantity x price = market
 * value to the cent on every row): stocks at the quote price, options at the Black-Scholes mid, intrinsic value
 * once expired. `rate` and `asOf` are SQL parameters.
 */
export function positionPriceSql(p: string, q: string, rate: string, asOf: string): string {
  return `CASE WHEN ${p}.asset_type = 'stock' THEN round(${q}.price, 2) ELSE round(option_mark(${p}.option_type,
    ${q}.price::float8, ${p}.strike::float8, (${p}.expiration + time '21:00') AT TIME ZONE 'UTC',
    ${q}.volatility::float8, ${rate}::float8, ${asOf}::timestamptz)::numeric, 2) END`;
}

/** Shares per unit of quantity: 100 for option contracts. */
export function multiplierSql(p: string): string {
  return `CASE WHEN ${p}.asset_type = 'option' THEN 100 ELSE 1 END`;
}
