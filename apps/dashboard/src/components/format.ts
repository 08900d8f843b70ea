// Intl formatters built once: toLocaleString with a locale or options builds a new formatter on every call, and
// the overview's charts and tables format hundreds of figures per render.
const number = new Intl.NumberFormat('en-US');
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const compactMoney = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  // Explicit: engines default differently here (Node writes $0.0 where Chromium writes $0), and the server's
  // rendering of the overview must match the browser's.
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});

export const formatNumber = (n: number) => number.format(n);
export const formatMoney = (n: number) => money.format(n);
/** `$1.2M`: for chart values. */
export const formatCompactMoney = (n: number) => compactMoney.format(n);
