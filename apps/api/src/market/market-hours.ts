/**
 * Whether `at` falls inside the configured market hours: "always", or a UTC range "HH:MM-HH:MM" (a range
 * whose end is before its start wraps past midnight). Config validation has already checked the format.
 */
export function isMarketOpen(hours: string, at: Date): boolean {
  if (hours === 'always') return true;
  const [from, to] = hours.split('-').map((hm) => {
    const [h, m] = hm.split(':').map(Number);
    return h * 60 + m;
  });
  const now = at.getUTCHours() * 60 + at.getUTCMinutes();
  return from <= to ? now >= from && now < to : now >= from || now < to;
}
