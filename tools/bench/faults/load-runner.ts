// Load for the fault suite, in a process of its own so it never shares an event loop with the faults or the
// instances' measurements: autocannon cycling over the given paths, printing one JSON line of per-second figures.
import autocannonModule from 'autocannon';
import type { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';

export interface LoadSecond {
  /** Seconds since the load started. */
  second: number;
  requests: number;
  serverErrors: number;
  /** Other non-2xx answers and connection errors. */
  otherFailures: number;
  p99: number;
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    paths: { type: 'string' },
    token: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '16' },
    rate: { type: 'string', default: '800' },
  },
});

// The types in tools/bench/monitoring/autocannon.d.ts cover the one-URL call only.
const autocannon = autocannonModule as unknown as (options: object) => EventEmitter & Promise<unknown>;
const started = Date.now();
const seconds = new Map<number, { latencies: number[]; serverErrors: number; otherFailures: number }>();
const bucket = () => {
  const second = Math.floor((Date.now() - started) / 1000);
  let b = seconds.get(second);
  if (!b) seconds.set(second, (b = { latencies: [], serverErrors: 0, otherFailures: 0 }));
  return b;
};
const run = autocannon({
  url: values.url,
  connections: Number(values.connections),
  duration: Number(values.seconds),
  overallRate: Number(values.rate),
  headers: { authorization: `Bearer ${values.token}` },
  requests: values.paths!.split(',').map((path) => ({ method: 'GET', path })),
});
run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
  const b = bucket();
  b.latencies.push(ms);
  if (status >= 500) b.serverErrors++;
  else if (status >= 300) b.otherFailures++;
});
run.on('reqError', () => bucket().otherFailures++);
await run;
const result: LoadSecond[] = [...seconds.entries()]
  .sort((a, b) => a[0] - b[0])
  .map(([second, b]) => {
    const sorted = b.latencies.sort((x, y) => x - y);
    return {
      second,
      requests: sorted.length,
      serverErrors: b.serverErrors,
      otherFailures: b.otherFailures,
      p99: sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]) : 0,
    };
  });
process.stdout.write(`${JSON.stringify(result)}\n`);
