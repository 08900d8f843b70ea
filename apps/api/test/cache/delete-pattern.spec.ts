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
/** The most keys one SCAN step may visit or one UNLINK may remove (each well under a millisecond on Redis). */
const MAX_STEP = 1_000;

describeRedis('deletePattern over 100k keys', () => {
  let t: CacheTestApp;
  beforeAll(async () => {
    t = await startCacheApp({ env: modeEnv('redis') });
  });
  afterAll(() => t.close());

  it('removes them all in small SCAN and UNLINK steps, never KEYS, another client served meanwhile', async () => {
    const filler = await rawRedis();
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

    // Redis runs one command at a time, so another client waits behind at most one of ours: what bounds that wait
    // is the size of each step. MONITOR shows every command we send, whatever the load on this machine; timing
    // them here would measure the machine instead.
    const watcher = await rawRedis();
    const steps: Array<{ command: string; size: number }> = [];
    await watcher.monitor((line: string) => {
      if (!line.includes('search:bulk')) return;
      const args = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
      const command = args[0].toLowerCase();
      const countAt = args.findIndex((a) => a.toUpperCase() === 'COUNT');
      steps.push({ command, size: command === 'scan' ? Number(args[countAt + 1]) : args.length - 1 });
    });

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
    await eventually(() => steps.filter((s) => s.command === 'unlink').length >= KEYS / MAX_STEP, 5_000, 20);
    watcher.destroy();

    expect(removed).toBe(KEYS);
    let left = 0;
    for await (const keys of filler.scanIterator({ MATCH: `${prefix}:search:bulk:*`, COUNT: 5_000 }))
      left += keys.length;
    expect(left).toBe(0);
    expect(await t.cache.get(CacheKey.league(1))).toBe('survives');
    // Only small steps and the bus message that tells other instances: no KEYS, no DEL of everything at once.
    expect([...new Set(steps.map((s) => s.command))].sort()).toEqual(['publish', 'scan', 'unlink']);
    expect(steps.filter((s) => s.command !== 'publish' && s.size > MAX_STEP)).toEqual([]);
    // The other client kept working while the deletion ran (its commands interleave with our steps).
    expect(commands).toBeGreaterThan(10);
    await filler.close();
  }, 120_000);
});
