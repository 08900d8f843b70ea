import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvent } from '../../src/events/domain-events.js';
import { AlertManager } from '../../src/monitoring/alert-manager.service.js';
import { HealthChecker } from '../../src/monitoring/health-checker.service.js';
import { TradeRollups } from '../../src/monitoring/trade-rollups.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('alerts, audit log and archives', () => {
  let t: TestApp;
  let admin: { id: number; token: string; username: string };
  let alerts: AlertManager;

  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: 'scrape-secret' } });
    admin = await t.signUp('alert_admin', 'admin');
    alerts = t.app.get(AlertManager);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  }, 60_000);

  const post = (url: string, body?: unknown) => t.request({ method: 'POST', url, body, token: admin.token });
  const get = (url: string) => t.request({ url, token: admin.token });

  it('creates an alert, deduplicates repeats by fingerprint and counts occurrences', async () => {
    const body = {
      alert_type: 'high_load',
      title: 'High system load detected',
      message: 'CPU usage above 80%',
      severity: 'warning',
      data: { cpu_usage: 85.5, memory_usage: 72.0 },
    };
    const first = await post('/admin/monitoring/alerts', body);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(Number), created: true, buffered: false, occurrences: 1 });
    const second = await post('/admin/monitoring/alerts', { ...body, message: 'CPU usage above 90%' });
    expect(second.body).toEqual({ id: first.body.id, created: false, buffered: false, occurrences: 2 });
    const [row] = await t.db.query<Record<string, any>>(`SELECT * FROM system_alerts WHERE id = $1`, [first.body.id]);
    expect(row.occurrences).toBe(2);
    expect(row.message).toBe('CPU usage above 90%');
    expect(new Date(row.last_seen).getTime()).toBeGreaterThanOrEqual(new Date(row.first_seen).getTime());
    expect(row.source).toBe('api:alert_admin');

    const listed = await get('/admin/monitoring/alerts/json?severity=warning');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: first.body.id,
        alert_type: 'high_load',
        severity: 'warning',
        title: body.title,
        occurrences: 2,
      }),
    ]);
    expect((await get('/admin/monitoring/alerts/json?severity=critical')).body.items).toEqual([]);
  }, 60_000);

  it('keeps statistics by severity and type; most severe first', async () => {
    await post('/admin/monitoring/alerts', {
      alert_type: 'security',
      severity: 'critical',
      title: 'Suspicious pattern',
    });
    await post('/admin/monitoring/alerts', { alert_type: 'performance', severity: 'info', title: 'Slow route' });
    const res = await get('/admin/monitoring/alerts/json');
    expect(res.body.stats).toEqual({
      total_active: 3,
      by_severity: { critical: 1, error: 0, warning: 1, info: 1 },
      by_type: { high_load: 1, security: 1, performance: 1 },
      buffered: 0,
    });
    expect(res.body.items.map((a: { severity: string }) => a.severity)).toEqual(['critical', 'warning', 'info']);
    const critical = await alerts.getActiveAlerts('critical'); // the spec's call
    expect(critical.items.map((a) => a.title)).toEqual(['Suspicious pattern']);
    expect(res.body.total).toBe(3);
  });

  it('resolves with resolved_by and an audit entry; 409 twice, 404 unknown, 400 malformed', async () => {
    const { body: created } = await post('/admin/monitoring/alerts', {
      alert_type: 'cache_error',
      severity: 'error',
      title: 'Redis timeouts',
    });
    const res = await post(`/admin/monitoring/alerts/${created.id}/resolve`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, resolved_by: admin.id, resolution: 'manual' });
    expect(res.body.resolved_at).toEqual(expect.any(String));
    const audit = await t.db.query<Record<string, any>>(`SELECT * FROM audit_logs WHERE action = 'alert.resolve'`);
    expect(audit).toEqual([expect.objectContaining({ actor_id: admin.id, target: `alert:${created.id}` })]);
    expect((await post(`/admin/monitoring/alerts/${created.id}/resolve`)).status).toBe(409);
    expect((await post('/admin/monitoring/alerts/999999/resolve')).status).toBe(404);
    expect((await post('/admin/monitoring/alerts/abc/resolve')).status).toBe(400);
    expect((await post('/admin/monitoring/alerts/99999999999999/resolve')).status).toBe(400);
    // A new raise with the same fingerprint after resolution opens a new alert.
    const again = await post('/admin/monitoring/alerts', {
      alert_type: 'cache_error',
      severity: 'error',
      title: 'Redis timeouts',
    });
    expect(again.body.created).toBe(true);
    expect(again.body.id).not.toBe(created.id);
    const history = await get('/admin/monitoring/alerts/history/json?alert_type=cache_error');
    expect(history.body.items.map((a: { id: number }) => a.id).sort()).toEqual([created.id, again.body.id].sort());
  });

  it('validates created alerts', async () => {
    // Fastify's own parse errors still reach the app's error filter (the dashboard assets plugin must not change that).
    const malformed = await t.request({
      method: 'POST',
      url: '/admin/monitoring/alerts',
      token: admin.token,
      body: '{"alert_type": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
    for (const body of [
      { alert_type: 'nope', severity: 'warning', title: 'x' },
      { alert_type: 'security', severity: 'urgent', title: 'x' },
      { alert_type: 'security', severity: 'warning', title: '' },
      { alert_type: 'security', severity: 'warning', title: 'x', data: 'not an object' },
      { alert_type: 'security', severity: 'warning', title: 'x', extra: 1 },
    ]) {
      const res = await post('/admin/monitoring/alerts', body);
      expect(res.status).toBe(400);
    }
  });

  it('removes resolved alerts past retention, never active ones', async () => {
    const { body: old } = await post('/admin/monitoring/alerts', {
      alert_type: 'performance',
      severity: 'info',
      title: 'Old',
    });
    await post(`/admin/monitoring/alerts/${old.id}/resolve`);
    await t.db.query(`UPDATE system_alerts SET resolved_at = now() - interval '40 days' WHERE id = $1`, [old.id]);
    const before = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM system_alerts WHERE resolved_at IS NULL`);
    expect(await alerts.applyRetention(30)).toBe(1);
    expect(await t.db.query(`SELECT id FROM system_alerts WHERE id = $1`, [old.id])).toEqual([]);
    const after = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM system_alerts WHERE resolved_at IS NULL`);
    expect(after).toEqual(before);
  });

  it('raises security alerts from repeated failed logins (real login endpoint)', async () => {
    await t.signUp('victim');
    for (let i = 0; i < 5; i++) {
      await t.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { username: 'victim', password: 'wrong password!' },
      });
    }
    // The login answers before its event's handler has counted it: wait for the alert to be written.
    const row = await eventually(async () => {
      await alerts.flush();
      const [found] = await t.db.query<Record<string, any>>(
        `SELECT * FROM system_alerts WHERE alert_type = 'security' AND fingerprint = 'security:login:user:victim'`,
      );
      return found;
    });
    expect(row).toBeDefined();
    expect(row!.data.failed_logins).toBeGreaterThanOrEqual(5);
  });

  it('raises cache_error from cache events and high_trades from a user trading too fast, deduplicated', async () => {
    const events = t.app.get(EventEmitter2);
    for (let i = 0; i < 3; i++) {
      events.emit(DomainEvent.CacheError, { operation: 'get', key: 'quote:AAPL', message: 'timeout', at: new Date() });
    }
    const at = new Date();
    at.setUTCSeconds(1); // all in one minute window
    for (let i = 0; i < 31; i++) {
      await events.emitAsync(DomainEvent.TradeExecuted, {
        tradeId: i,
        leagueId: 1,
        userId: 4242,
        symbol: 'AAPL',
        side: 'buy',
        quantity: 1,
        at,
      });
    }
    await alerts.flush();
    const cache = await t.db.query<Record<string, any>>(
      `SELECT * FROM system_alerts WHERE fingerprint = 'cache_error:get'`,
    );
    expect(cache).toHaveLength(1);
    expect(cache[0].occurrences).toBe(3);
    const trades = await t.db.query<Record<string, any>>(
      `SELECT * FROM system_alerts WHERE fingerprint = 'high_trades:user:4242'`,
    );
    expect(trades).toHaveLength(1);
    expect(trades[0].occurrences).toBe(2); // the 30th and 31st trade of the minute
  });

  it("raises high_trades when a league's last hour is far above its 7-day baseline (rollup job)", async () => {
    const [quiet, busy] = await t.db.query<{ id: number }>(
      `INSERT INTO leagues (name, owner_id, starting_cash) VALUES ('Quiet', $1, 1000), ('Busy', $1, 1000) RETURNING id`,
      [admin.id],
    );
    await t.db.query(`INSERT INTO league_members (league_id, user_id, cash) VALUES ($1, $3, 1000), ($2, $3, 1000)`, [
      quiet.id,
      busy.id,
      admin.id,
    ]);
    const lastHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 30 * 60_000);
    // Busy: 60 trades in the last complete hour, none before. Quiet: 60 too, but 60 an hour all week long.
    await t.db.query(
      `INSERT INTO trades (league_id, user_id, symbol, side, asset_type, quantity, price, amount, executed_at)
       SELECT $1::int, $3::int, 'AAPL', 'buy', 'stock', 1, 10, 10, $4::timestamptz + g * interval '1 second'
         FROM generate_series(1, 60) g
       UNION ALL
       SELECT $2::int, $3::int, 'AAPL', 'buy', 'stock', 1, 10, 10, $4::timestamptz - h * interval '1 hour' + g * interval '1 second'
         FROM generate_series(0, 160) h, generate_series(1, 60) g`,
      [busy.id, quiet.id, admin.id, lastHour],
    );
    const { spikes } = await t.app.get(TradeRollups).rollup();
    expect(spikes).toBe(1);
    await alerts.flush();
    const raised = await t.db.query<Record<string, any>>(
      `SELECT fingerprint, data FROM system_alerts WHERE alert_type = 'high_trades' AND fingerprint LIKE 'high_trades:league:%'`,
    );
    expect(raised).toEqual([expect.objectContaining({ fingerprint: `high_trades:league:${busy.id}` })]);
    expect(raised[0].data.trades_last_hour).toBe(60);
  });

  it('raises an alert on a health condition and auto-resolves it when the condition clears', async () => {
    const events = t.app.get(EventEmitter2);
    await events.emitAsync(DomainEvent.HealthCondition, {
      component: 'cache',
      status: 'degraded',
      message: 'Redis unreachable',
      at: new Date(),
    });
    await alerts.flush();
    const [raised] = await t.db.query<Record<string, any>>(
      `SELECT * FROM system_alerts WHERE fingerprint = 'health:cache'`,
    );
    expect(raised).toMatchObject({ alert_type: 'cache_error', severity: 'warning', resolved_at: null });
    // The probe the scheduler calls sees a healthy cache and resolves it.
    const report = await t.app.get(HealthChecker).probe();
    expect(report.cache.status).toBe('healthy');
    const [resolved] = await t.db.query<Record<string, any>>(`SELECT * FROM system_alerts WHERE id = $1`, [raised.id]);
    expect(resolved.resolution).toBe('auto');
    expect(resolved.resolved_at).not.toBeNull();
    const audit = await t.db.query(`SELECT * FROM audit_logs WHERE action = 'alert.auto_resolve' AND target = $1`, [
      `alert:${raised.id}`,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('lists the audit log newest first with the actor, filtered by action prefix and time', async () => {
    const res = await get('/admin/audit/logs?action=alert.');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    expect(res.body.items.every((e: { action: string }) => e.action.startsWith('alert.'))).toBe(true);
    const manual = res.body.items.filter((e: { action: string }) => e.action === 'alert.resolve');
    expect(manual[0]).toMatchObject({ actor_id: admin.id, actor_username: 'alert_admin' });
    const ids = res.body.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const future = await get(
      `/admin/audit/logs?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future.body).toEqual({ items: [], page: 1, page_size: 50, total: 0 });
  });

  it('archives and restores leagues in a transaction with an audit entry; lists archived leagues', async () => {
    const [league] = await t.db.query<{ id: number }>(
      `INSERT INTO leagues (name, owner_id, starting_cash) VALUES ('Archive me', $1, 1000) RETURNING id`,
      [admin.id],
    );
    const changes: unknown[] = [];
    t.app.get(EventEmitter2).on(DomainEvent.LeagueChanged, (event: unknown) => changes.push(event));
    const archived = await post(`/admin/archives/${league.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id: league.id, status: 'archived', archived_at: expect.any(String) });
    expect((await post(`/admin/archives/${league.id}/archive`)).status).toBe(409);
    const list = await get('/admin/archives');
    expect(list.body.items.map((l: { id: number }) => l.id)).toEqual([league.id]);
    const restored = await post(`/admin/archives/${league.id}/restore`);
    expect(restored.body).toMatchObject({ id: league.id, status: 'active', archived_at: null });
    expect((await get('/admin/archives')).body.total).toBe(0);
    expect((await post('/admin/archives/999999/archive')).status).toBe(404);
    const audit = await t.db.query<{ action: string; actor_id: number }>(
      `SELECT action, actor_id FROM audit_logs WHERE target = $1 ORDER BY id`,
      [`league:${league.id}`],
    );
    expect(changes).toEqual([
      { leagueId: league.id, change: 'archived' },
      { leagueId: league.id, change: 'restored' },
    ]);
    expect(audit).toEqual([
      { action: 'league.archive', actor_id: admin.id },
      { action: 'league.restore', actor_id: admin.id },
    ]);
  });

  it('serves Prometheus metrics to the token or an admin, in valid exposition format', async () => {
    const user = await t.signUp();
    expect((await t.request({ url: '/metrics' })).status).toBe(401);
    expect((await t.request({ url: '/metrics', token: user.token })).status).toBe(403);
    expect((await t.request({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const res = await t.request({ url: '/metrics', headers: { authorization: 'Bearer scrape-secret' } });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/plain');
    expect((await t.request({ url: '/metrics', token: admin.token })).status).toBe(200);
    const text = res.body as string;
    assertExpositionFormat(text);
    expect(text).toMatch(
      /^league_http_request_duration_seconds_bucket\{.*route="\/admin\/monitoring\/alerts\/json".*\} \d+$/m,
    );
    expect(text).toMatch(/^league_alerts_active\{severity="critical"\} 1$/m);
    expect(text).toMatch(/^league_process_cpu_user_seconds_total \S+$/m);
    expect(text).toMatch(/^league_db_query_duration_seconds_count \d+$/m);
    expect(text).toMatch(/^league_cache_hits_total \d+$/m);
  });
});

/** Retries `probe` until it returns something (at most ~5 s): for effects of fire-and-forget event handlers. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T | undefined> {
  for (let i = 0; i < 50; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/**
 * The Prometheus text format, line by line: HELP/TYPE comments, then samples `name{labels} value`; a metric's
 * samples follow its TYPE line; histogram buckets are cumulative and end with +Inf equal to _count.
 */
function assertExpositionFormat(text: string): void {
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const label = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
  const sample = new RegExp(
    `^(${name})(\\{(?:${label})(?:,${label})*,?\\})? (-?[0-9.e+-]+|NaN|\\+Inf|-Inf)( -?\\d+)?$`,
  );
  const types = new Map<string, string>();
  const buckets = new Map<string, { last: number; inf?: number }>();
  const counts = new Map<string, number>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.trimEnd().split('\n')) {
    if (line === '') continue;
    let m: RegExpMatchArray | null;
    if ((m = line.match(new RegExp(`^# HELP (${name}) .*$`)))) continue;
    if ((m = line.match(new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`)))) {
      expect(types.has(m[1])).toBe(false);
      types.set(m[1], m[2]);
      continue;
    }
    m = line.match(sample);
    if (!m) throw new Error(`Not a valid exposition line: ${line}`);
    const base = m[1].replace(/_(bucket|sum|count)$/, '');
    const family = types.has(m[1]) ? m[1] : base;
    if (!types.has(family)) throw new Error(`Sample before its TYPE line: ${line}`);
    if (m[1].endsWith('_bucket') && types.get(family) === 'histogram') {
      const series = `${base}${(m[2] ?? '').replace(/,?le="[^"]*"/, '')}`;
      const value = Number(m[3]);
      const state = buckets.get(series) ?? { last: 0 };
      if (value < state.last) throw new Error(`Buckets not cumulative: ${line}`);
      state.last = value;
      if (line.includes('le="+Inf"')) state.inf = value;
      buckets.set(series, state);
    }
    if (m[1].endsWith('_count') && types.get(family) === 'histogram') {
      counts.set(`${base}${(m[2] ?? '').replace(/\{\}/, '')}`, Number(m[3]));
    }
  }
  for (const [series, state] of buckets) {
    const key = series.replace(/\{\}$/, '').replace(/\{,/, '{');
    expect({ series, inf: state.inf }).toEqual({ series, inf: counts.get(key) });
  }
}
