/**
 * Black-Scholes prices and greeks of European options on a non-dividend-paying stock. These are model values
 * (floats); callers round them to cents before they become money. The SQL function `option_mark` in migration
 * 1764320000000 uses the same normal CDF approximation, so portfolio valuations agree with the chains.
 */
export interface BlackScholesInput {
  type: 'call' | 'put';
  spot: number;
  strike: number;
  /** Years to expiration. */
  years: number;
  /** Continuously compounded risk-free rate, e.g. 0.045. */
  rate: number;
  /** Annualised volatility, e.g. 0.3. */
  volatility: number;
}

export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  /** Per calendar day. */
  theta: number;
  /** Per volatility point (0.01). */
  vega: number;
}

/** Risk-free rate of the simulated market (about the 3-month T-bill yield). */
export const RISK_FREE_RATE = 0.045;

/** Standard normal CDF, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), symmetric so put-call parity is exact. */
export function normCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export function normPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

export function blackScholes(o: BlackScholesInput): Greeks {
  const { spot: s, strike: k, years: t, rate: r, volatility: v } = o;
  if (t <= 0 || v <= 0) {
    // At or after expiration the option is worth its intrinsic value.
    const intrinsic = o.type === 'call' ? Math.max(s - k, 0) : Math.max(k - s, 0);
    const itm = o.type === 'call' ? s > k : s < k;
    return { price: intrinsic, delta: itm ? (o.type === 'call' ? 1 : -1) : 0, gamma: 0, theta: 0, vega: 0 };
  }
  const sqrtT = Math.sqrt(t);
  const d1 = (Math.log(s / k) + (r + (v * v) / 2) * t) / (v * sqrtT);
  const d2 = d1 - v * sqrtT;
  const discount = Math.exp(-r * t);
  const gamma = normPdf(d1) / (s * v * sqrtT);
  const vega = (s * normPdf(d1) * sqrtT) / 100;
  const decay = -(s * normPdf(d1) * v) / (2 * sqrtT);
  if (o.type === 'call') {
    return {
      price: s * normCdf(d1) - k * discount * normCdf(d2),
      delta: normCdf(d1),
      gamma,
      theta: (decay - r * k * discount * normCdf(d2)) / 365,
      vega,
    };
  }
  return {
    price: k * discount * normCdf(-d2) - s * normCdf(-d1),
    delta: normCdf(d1) - 1,
    gamma,
    theta: (decay + r * k * discount * normCdf(-d2)) / 365,
    vega,
  };
}
