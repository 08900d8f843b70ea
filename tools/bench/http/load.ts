import autocannon from 'autocannon';

/** One autocannon run's figures. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/**
 * autocannon -c `connections` for `seconds` against one URL: as fast as it answers, or at `rate` requests per
 * second in all (to compare latencies at the same offered load).
 */
export async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections = 50,
  rate?: number,
): Promise<LoadResult> {
  const r = await autocannon({ url, headers, connections, duration: seconds, ...(rate ? { overallRate: rate } : {}) });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/** The median of each figure over several runs of the same row (errors and non-2xx are summed). */
export function medians(runs: LoadResult[]): LoadResult {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  };
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

/**
 * Runs every row `rounds` times, interleaved (row 1, 2, ... then again), so that a burst of load from elsewhere on
 * a shared machine falls on every row alike; returns each row's medians.
 */
export async function interleaved(
  rows: Array<{ url: string; headers: Record<string, string> }>,
  rounds: number,
  seconds: number,
  connections = 50,
  rate?: number,
): Promise<LoadResult[]> {
  const runs: LoadResult[][] = rows.map(() => []);
  for (let round = 0; round < rounds; round++)
    for (const [i, row] of rows.entries()) runs[i].push(await load(row.url, row.headers, seconds, connections, rate));
  return runs.map(medians);
}
