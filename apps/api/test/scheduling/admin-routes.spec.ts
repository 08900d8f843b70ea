import type { JobsResponse, WarmCacheResponse } from '@league/contracts';
import { JobRunner } from '../../src/scheduling/job-runner.js';
import { WarmTargets } from '../../src/scheduling/warm-targets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('scheduling: admin routes', () => {
  let t: TestApp;
  let admin: { id: number; token: string };
  let user: { token: string };
  let runner: JobRunner;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signUp('sched_admin', 'admin');
    user = await t.signUp('sched_user');
    runner = t.app.get(JobRunner);
    runner.register({
      name: 'test_warm',
      schedule: 'off',
      run: async () => ({ keysWarmed: 7, details: { leagues: [1, 2] } }),
    });
    runner.register({
      name: 'test_broken',
      schedule: 'off',
      run: async () => {
        throw new Error('the upstream feed is down');
      },
    });
    runner.register({
      name: 'test_blocking',
      schedule: 'off',
      run: () => new Promise<void>((resolve) => (release = resolve)),
    });
    // Hourly, so next_run_at is predictable: the next full hour.
    runner.register({ name: 'test_hourly', schedule: '0 0 * * * *', run: async () => undefined });
  }, 60_000);
  afterAll(() => t.close(), 60_000);

  const jobs = (query = '', token = admin.token) =>
    t.request<JobsResponse>({ url: `/admin/monitoring/jobs/json${query}`, token });

  it('GET /admin/monitoring/jobs/json is admin-only', async () => {
    expect((await t.request({ url: '/admin/monitoring/jobs/json' })).status).toBe(401);
    expect((await jobs('', user.token)).status).toBe(403);
    expect((await jobs()).status).toBe(200);
  });

  it('lists every job with its schedule, next run and whether its code is present', async () => {
    const { body } = await jobs();
    expect(body.instance_id).toBe(runner.instanceId);
    expect(body.instance_id).toMatch(new RegExp(`^.+:${process.pid}:[0-9a-f]{6}$`));
    expect(body.lock_backend).toBe('redis');
    const byName = Object.fromEntries(body.jobs.map((j) => [j.name, j]));
    // Built-ins and the warmers are registered (and off in tests).
    expect(byName.retention).toMatchObject({ registered: true, enabled: false, schedule: 'off', next_run_at: null });
    expect(byName.health_probe).toMatchObject({ registered: true });
    expect(byName.warm_leaderboards).toMatchObject({ registered: true, enabled: false });
    const nextHour = new Date();
    nextHour.setUTCMinutes(0, 0, 0);
    nextHour.setUTCHours(nextHour.getUTCHours() + 1);
    expect(byName.test_hourly).toMatchObject({ enabled: true, next_run_at: nextHour.toISOString() });
  });

  it('records runs (outcome, counts, details, errors) and serves them newest first with filters', async () => {
    const ok = await runner.runNow('test_warm', { actorId: admin.id });
    const failed = await runner.runNow('test_broken');
    expect(ok).toMatchObject({ outcome: 'ok', keys_warmed: 7, trigger: 'manual', actor_id: admin.id });
    expect(ok.details).toEqual({ leagues: [1, 2] });
    expect(ok.duration_ms).toBeGreaterThanOrEqual(0);
    expect(failed).toMatchObject({ outcome: 'failed', error: 'the upstream feed is down', keys_warmed: null });

    const all = (await jobs()).body;
    expect(all.runs.items.map((r) => r.id).slice(0, 2)).toEqual([failed.id, ok.id]);
    expect(all.runs).toMatchObject({ page: 1, page_size: 50 });
    const byName = Object.fromEntries(all.jobs.map((j) => [j.name, j]));
    expect(byName.test_warm.last_run?.id).toBe(ok.id);
    expect(byName.test_warm.last_success_at).toBe(ok.started_at);
    expect(byName.test_broken.last_success_at).toBeNull();

    const onlyFailed = (await jobs('?outcome=failed')).body.runs;
    expect(onlyFailed.items.map((r) => r.id)).toEqual([failed.id]);
    expect(onlyFailed.total).toBe(1);
    const onlyWarm = (await jobs('?job=test_warm')).body.runs;
    expect(onlyWarm.items.every((r) => r.job === 'test_warm')).toBe(true);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await jobs(`?from=${encodeURIComponent(future)}`)).body.runs.total).toBe(0);
    const paged = (await jobs('?page=2&page_size=1')).body.runs;
    expect(paged.items.map((r) => r.id)).toEqual([ok.id]);
    expect(paged.total).toBeGreaterThanOrEqual(2);
  });

  it('rejects malformed filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['?outcome=great', 'outcome'],
      ['?job=DROP%20TABLE', 'job'],
      ['?from=yesterday', 'from'],
      ['?page=0', 'page'],
      ['?page_size=1000', 'page_size'],
      ['?color=red', 'color'],
    ] as const) {
      const res = await jobs(query);
      expect(res.status).toBe(400);
      expect((res.body as unknown as { message: string }).message).toContain(field);
    }
    const inverted = await jobs('?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(inverted.status).toBe(400);
  });

  describe('POST /admin/monitoring/cache/warm', () => {
    const warm = (body: unknown, token = admin.token) =>
      t.request<WarmCacheResponse>({ method: 'POST', url: '/admin/monitoring/cache/warm', token, body });

    it('is admin-only', async () => {
      expect(
        (await t.request({ method: 'POST', url: '/admin/monitoring/cache/warm', body: { target: 'all' } })).status,
      ).toBe(401);
      expect((await warm({ target: 'all' }, user.token)).status).toBe(403);
    });

    it('answers 400 for an unknown target, listing the registered ones', async () => {
      t.app.get(WarmTargets).register('test_target', ['test_warm']);
      const unknown = await warm({ target: 'nope' });
      expect(unknown.status).toBe(400);
      // The warming module's four targets and this test's.
      expect((unknown.body as any).message).toBe(
        'target must be one of: all, leaderboards, monitoring, stocks, test_target, user_stats',
      );
    });

    it('validates the body', async () => {
      for (const body of [{}, { target: 5 }, { target: 'Bad Name' }, { target: 'test_target', extra: 1 }]) {
        const res = await warm(body);
        expect(res.status).toBe(400);
      }
    });

    it('runs the target now, answers its runs, and audit-logs who asked', async () => {
      t.app.get(WarmTargets).register('test_target', ['test_warm']);
      const res = await warm({ target: 'test_target' });
      expect(res.status).toBe(200);
      expect(res.body.target).toBe('test_target');
      expect(res.body.runs).toHaveLength(1);
      expect(res.body.runs[0]).toMatchObject({ job: 'test_warm', outcome: 'ok', keys_warmed: 7, actor_id: admin.id });
      const audit = await t.db.query<{ actor_id: number; action: string; target: string; details: any }>(
        `SELECT actor_id, action, target, details FROM audit_logs WHERE action = 'cache.warm' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit[0]).toMatchObject({ actor_id: admin.id, action: 'cache.warm', target: 'cache:test_target' });
      expect(audit[0].details.runs[0]).toMatchObject({ id: res.body.runs[0].id, outcome: 'ok', keys_warmed: 7 });
    });

    it('answers 409 while the job already runs (on any instance)', async () => {
      t.app.get(WarmTargets).register('test_busy', ['test_blocking']);
      const first = runner.runNow('test_blocking');
      // Let the first run take its lease.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const second = await warm({ target: 'test_busy' });
      expect(second.status).toBe(409);
      expect((second.body as any).message).toMatch(/test_blocking is already running on /);
      release();
      await expect(first).resolves.toMatchObject({ outcome: 'ok' });
      // Free again once the first run ended.
      const again = warm({ target: 'test_busy' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      expect((await again).status).toBe(200);
    });
  });
});
