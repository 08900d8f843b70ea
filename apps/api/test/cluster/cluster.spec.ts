import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster, type RunningCluster } from '../../../../tools/cluster/cluster.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const redisUrl = process.env.TEST_REDIS_URL;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function call(
  base: string,
  method: string,
  url: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; servedBy: string | null }> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    servedBy: response.headers.get('x-served-by'),
  };
}

(redisUrl ? describe : describe.skip)('three instances behind the load balancer', () => {
  let db: TestDatabase;
  let cluster: RunningCluster;

  beforeAll(async () => {
    const build = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/nx/dist/bin/nx.js'), 'run', '@league/api:build', '--outputStyle=stream'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      },
    );
    if (build.status !== 0) throw new Error(`API build failed:\n${build.stdout}\n${build.stderr}`);
    // Not migrated: the three instances start at once on an empty database and must apply each migration once.
    db = await createTestDatabase({ migrate: false });
    cluster = await startCluster({
      instances: 3,
      databaseUrl: db.url,
      redisUrl: redisUrl!,
      port: 0,
      env: {
        NODE_ENV: 'production',
        CACHE_PREFIX: `cluster_${randomBytes(4).toString('hex')}`,
        ADMIN_PASSWORD: 'cluster-admin-password',
        LOG_LEVEL: 'warn',
        SEED_ON_EMPTY: 'false',
      },
    });
  }, 150_000);

  afterAll(async () => {
    await cluster?.stop();
    await db?.drop();
  });

  it('applies each migration once although the instances started together', async () => {
    const rows = await db.query<{ name: string; times: number }>(
      'SELECT name, count(*)::int AS times FROM migrations GROUP BY name',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.times !== 1)).toEqual([]);
  });

  it('spreads requests over every instance', async () => {
    const servedBy = new Set<string | null>();
    for (let i = 0; i < 9; i++) servedBy.add((await call(cluster.url, 'GET', '/health/live')).servedBy);
    expect([...servedBy].sort()).toEqual(['api-1', 'api-2', 'api-3']);
  });

  it('shows a write made through one instance on the others, cached reads included', async () => {
    const [a, b, c] = cluster.instances.map((i) => i.url);
    const username = `trader_${randomBytes(3).toString('hex')}`;
    const password = 'a-long-password';
    expect(
      (await call(a, 'POST', '/api/auth/register', { body: { username, email: `${username}@example.com`, password } }))
        .status,
    ).toBe(201);
    const login = await call(b, 'POST', '/api/auth/login', { body: { username, password } });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const league = await call(c, 'POST', '/api/leagues', {
      token,
      body: { name: 'Cluster league', description: 'three instances', starting_cash: 100000 },
    });
    expect(league.status).toBe(201);
    const portfolio = `/api/leagues/${league.body.id}/portfolio`;
    // B caches the portfolio before A's trade; A's invalidation must reach B.
    const before = await call(b, 'GET', portfolio, { token });
    expect(before.status).toBe(200);
    expect(before.body.positions).toEqual([]);
    expect(
      (
        await call(a, 'POST', `/api/leagues/${league.body.id}/trades`, {
          token,
          body: { symbol: 'AAPL', side: 'buy', quantity: 5 },
        })
      ).status,
    ).toBe(201);
    for (const base of [b, c, cluster.url]) {
      const after = await call(base, 'GET', portfolio, { token });
      expect(after.body.positions).toEqual([expect.objectContaining({ symbol: 'AAPL', quantity: 5 })]);
    }
  });

  it('counts cache statistics of every instance together', async () => {
    const [a, b, c] = cluster.instances.map((i) => i.url);
    const admin = await call(cluster.url, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: 'cluster-admin-password' },
    });
    const token = admin.body.token as string;
    const leagues = await call(a, 'GET', '/api/leagues', { token });
    const league = `/api/leagues/${leagues.body.items[0].id}`;
    const hitsOn = async (base: string) =>
      (await call(base, 'GET', '/admin/monitoring/cache/json', { token })).body.stats.by_type.league?.hits ?? 0;
    const before = await hitsOn(a);
    expect((await call(a, 'GET', league, { token })).status).toBe(200);
    // Hits on B and C only; A reports them once every instance has flushed its counters (each second).
    for (let i = 0; i < 3; i++)
      for (const base of [b, c]) expect((await call(base, 'GET', league, { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await hitsOn(a)) - before).toBeGreaterThanOrEqual(6);
  });

  it('keeps serving through the balancer while one instance is down, and takes it back after a restart', async () => {
    const [first] = cluster.instances;
    await first.kill('SIGKILL');
    const servedBy = new Set<string | null>();
    for (let i = 0; i < 9; i++) {
      const response = await call(cluster.url, 'GET', '/health/live');
      expect(response.status).toBe(200);
      servedBy.add(response.servedBy);
    }
    expect([...servedBy].sort()).toEqual(['api-2', 'api-3']);
    await first.start();
    await new Promise((r) => setTimeout(r, 600)); // the balancer's next liveness probe
    servedBy.clear();
    for (let i = 0; i < 9; i++) servedBy.add((await call(cluster.url, 'GET', '/health/live')).servedBy);
    expect(servedBy.has('api-1')).toBe(true);
  }, 60_000);

  it('stops the balancer and every instance, leaving no process behind', async () => {
    const pids = [cluster.balancerPid, ...cluster.instances.map((i) => i.pid)];
    expect(pids.every((pid) => pid > 0 && alive(pid))).toBe(true);
    await cluster.stop();
    expect(pids.filter(alive)).toEqual([]);
    await expect(fetch(`${cluster.url}/health/live`)).rejects.toThrow();
  }, 60_000);
});
