import { CacheKey } from '../../src/cache/cache-key.js';
import { spawn } from 'node:child_process';
import {
  eventually,
  HAS_REDIS,
  modeEnv,
  rawRedis,
  startCacheApp,
  TEST_REDIS_URL,
  type CacheTestApp,
} from './cache-test-app.js';

/** The other client: SET+GET in a loop until stdin closes, then reports how many commands it got through. */
const PROBE = `
import { createClient } from 'redis';
const client = createClient({ url: process.env.PROBE_URL });
await client.connect();
let running = true, commands = 0;
process.stdin.on('end', () => (running = false));
process.stdin.resume();
process.stdout.write('ready');
while (running) {
  await client.set(process.env.PROBE_KEY, String(commands));
  await client.get(process.env.PROBE_KEY);
  commands += 2;
  await new Promise((r) => setImmediate(r));
}
await client.del(process.env.PROBE_KEY);
await client.close();
process.stdout.write(JSON.stringify({ commands }));
`;

const describeRedis = HAS_REDIS ? describe : describe.skip;
const KEYS = 100_000;
/** The bound of the issue: no command of ours may hold Redis for 10 ms. */
const SLOW_MICROS = 10_000;

describeRedis('deletePattern over 100k keys', () => {
  let t: CacheTestApp;
  beforeAll(async () => {
    t = await startCacheApp({ env: modeEnv('redis') });
  });
  afterAll(() => t.close());

  it('removes them all in batches, no command of ours holding Redis for 10 ms, another client served meanwhile', async () => {
    const filler = await rawRedis();
    // Redis runs one command at a time: how long our commands execute on the server is how long another client
    // can wait behind them. The slow log measures exactly that, unaffected by how busy this machine's CPUs are.
    const threshold = (await filler.configGet('slowlog-log-slower-than'))['slowlog-log-slower-than'];
    await filler.configSet('slowlog-log-slower-than', String(SLOW_MICROS));
    await filler.sendCommand(['SLOWLOG', 'RESET']);
    const prefix = t.config.cache.prefix;
    for (let start = 0; start < KEYS; start += 10_000) {
      const multi = filler.multi();
      for (let i = start; i < start + 10_000; i++)
        multi.set(`${prefix}:search:bulk:${i.toString(16).padStart(8, '0')}`, 'x', {
          expiration: { type: 'PX', value: 300_000 },
        });
      await multi.execAsPipeline();
    }
    await t.cache.set(CacheKey.league(1), 'survives');

    // Another client, in its own process (its own event loop, as another app would be), works throughout and
    // reports how many commands it got through when its stdin closes.
    const probe = spawn(process.execPath, ['--input-type=module', '-e', PROBE], {
      cwd: process.cwd(),
      env: { ...process.env, PROBE_URL: TEST_REDIS_URL, PROBE_KEY: `${prefix}x:probe` },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    probe.stdout!.on('data', (d) => (output += d));
    const exited = new Promise((r) => probe.on('exit', r));
    await eventually(() => output.includes('ready'), 10_000, 10);
    let removed: number;
    try {
      removed = await t.cache.deletePattern('search:bulk:*');
    } finally {
      probe.stdin!.end();
      await exited;
    }
    const { commands } = JSON.parse(output.slice(output.indexOf('{')));
    // Each slow-log entry is [id, time, micros, [command, ...args], ...]: ours name the bulk keys or pattern.
    const slow = (
      (await filler.sendCommand(['SLOWLOG', 'GET', '1000'])) as unknown as [unknown, unknown, number, string[]][]
    )
      .filter((entry) => entry[3].some((arg) => arg.includes('search:bulk')))
      .map((entry) => `${entry[3][0]} ${entry[2]} µs`);
    await filler.configSet('slowlog-log-slower-than', threshold);

    expect(removed).toBe(KEYS);
    let left = 0;
    for await (const keys of filler.scanIterator({ MATCH: `${prefix}:search:bulk:*`, COUNT: 5_000 }))
      left += keys.length;
    expect(left).toBe(0);
    expect(await t.cache.get(CacheKey.league(1))).toBe('survives');
    expect(slow).toEqual([]);
    // The other client kept working while the deletion ran (its commands interleave with our batches).
    expect(commands).toBeGreaterThan(10);
    await filler.close();
  }, 120_000);
});
