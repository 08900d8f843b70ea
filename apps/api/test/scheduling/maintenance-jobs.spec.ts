import { AlertManager } from '../../src/monitoring/alert-manager.service.js';
import { JobRunner } from '../../src/scheduling/job-runner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 24 * 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

describe('scheduling: built-in jobs', () => {
  let t: TestApp;
  let runner: JobRunner;
  beforeAll(async () => {
    t = await startTestApp();
    runner = t.app.get(JobRunner);
  }, 60_000);
  afterAll(() => t.close(), 60_000);

  it('retention deletes old sessions, login attempts and job runs, and keeps the rest', async () => {
    const { id: userId } = await t.signUp('retention_user');
    await t.db.query(`DELETE FROM sessions`);
    await t.db.query(`DELETE FROM login_attempts`);
    const session = (id: string, expiresAt: Date, revokedAt: Date | null) =>
      t.db.query(`INSERT INTO sessions (id, user_id, expires_at, revoked_at) VALUES ($1, $2, $3, $4)`, [
        id,
        userId,
        expiresAt,
        revokedAt,
      ]);
    await session('expired_10d', ago(10 * DAY), null); // gone
    await session('revoked_8d', new Date(Date.now() + DAY), ago(8 * DAY)); // gone
    await session('expired_2d', ago(2 * DAY), null); // kept: within the week
    await session('revoked_6d', new Date(Date.now() + DAY), ago(6 * DAY)); // kept
    await session('active', new Date(Date.now() + DAY), null); // kept
    for (const [name, age] of [
      ['old', 31 * DAY],
      ['recent', 29 * DAY],
    ] as const) {
      await t.db.query(
        `INSERT INTO login_attempts (username, ip, success, created_at) VALUES ($1, '127.0.0.1', false, $2)`,
        [name, ago(age)],
      );
    }
    const jobRun = (job: string, startedAt: Date, outcome: string) =>
      t.db.query(
        `INSERT INTO job_runs (job, instance_id, trigger, started_at, outcome, lock_backend)
         VALUES ($1, 'test', 'manual', $2, $3, 'redis')`,
        [job, startedAt, outcome],
      );
    await jobRun('old_ok', ago(8 * DAY), 'ok'); // gone
    await jobRun('recent_ok', ago(6 * DAY), 'ok'); // kept

    const run = await runner.runNow('retention');
    expect(run.outcome).toBe('ok');
    expect(run.details).toMatchObject({ deleted: { sessions: 2, login_attempts: 1, job_runs: 1 } });
    expect(run.items_processed).toBe(4);

    const sessions = await t.db.query<{ id: string }>(`SELECT id FROM sessions ORDER BY id`);
    expect(sessions.map((s) => s.id)).toEqual(['active', 'expired_2d', 'revoked_6d']);
    const attempts = await t.db.query<{ username: string }>(`SELECT username FROM login_attempts`);
    expect(attempts.map((a) => a.username)).toEqual(['recent']);
    const runs = await t.db.query<{ job: string }>(`SELECT job FROM job_runs WHERE job IN ('old_ok', 'recent_ok')`);
    expect(runs.map((r) => r.job)).toEqual(['recent_ok']);
  });

  it('health_probe checks database and cache, and auto-resolves a health alert once the condition clears', async () => {
    const alerts = t.app.get(AlertManager);
    alerts.raise({
      alert_type: 'database_error',
      severity: 'critical',
      title: 'Database health problem',
      message: 'Database unreachable',
      data: { component: 'database' },
      fingerprint: 'health:database',
      source: 'health',
    });
    await alerts.flush();
    const [raised] = await t.db.query<{ resolved_at: Date | null }>(
      `SELECT resolved_at FROM system_alerts WHERE fingerprint = 'health:database'`,
    );
    expect(raised.resolved_at).toBeNull();

    const run = await runner.runNow('health_probe');
    expect(run.outcome).toBe('ok');
    expect(run.details).toMatchObject({ database: { status: 'healthy' }, cache: { status: expect.any(String) } });
    await alerts.flush();
    const [resolved] = await t.db.query<{ resolved_at: Date | null; resolution: string }>(
      `SELECT resolved_at, resolution FROM system_alerts WHERE fingerprint = 'health:database'`,
    );
    expect(resolved.resolved_at).not.toBeNull();
    expect(resolved.resolution).toBe('auto');
  });

  it('quote_tick is registered when the market module provides MarketService.tick(), and moves prices', async () => {
    expect(runner.isRegistered('quote_tick')).toBe(true);
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM quote_history`);
    const run = await runner.runNow('quote_tick');
    expect(run.outcome).toBe('ok');
    expect(run.items_processed).toBeGreaterThan(0);
    const after = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM quote_history`);
    expect(after[0].n - before[0].n).toBe(run.items_processed);
  });
});
