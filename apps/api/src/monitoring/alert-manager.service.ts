import { createHash } from 'node:crypto';
import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  Alert,
  AlertList,
  AlertSeverity,
  AlertSort,
  AlertStats,
  AlertType,
  CreateAlertRequest,
  CreateAlertResponse,
  Page,
  SortOrder,
} from '@league/contracts';
import { AuditService } from '../audit/audit.service.js';
import { ALERT_SEVERITIES, isConnectionFailure, toAlert, type AlertRow } from './alert-row.js';
import { AlertWebhook } from './alert-webhook.js';

/** An alert raised in-process: what an admin may post, plus which part of the app raised it. */
export interface AlertInput extends CreateAlertRequest {
  source?: string;
}

interface RaiseOp {
  kind: 'raise';
  input: Required<Omit<AlertInput, 'fingerprint'>> & { fingerprint: string };
  occurrences: number;
  firstSeen: Date;
  lastSeen: Date;
  result?: { alert: Alert; created: boolean };
}

interface ResolveOp {
  kind: 'resolve';
  fingerprint: string;
  at: Date;
  reason: string;
}

type Op = RaiseOp | ResolveOp;

export interface AlertListQuery {
  severity?: AlertSeverity;
  alert_type?: AlertType;
  page: number;
  page_size: number;
  from?: Date;
  to?: Date;
  /** Most severe first unless given (a whitelisted column: AlertsQueryDto). */
  sort?: AlertSort;
  order?: SortOrder;
}

/** Each sort's ORDER BY terms; severity ranks critical above info. The id breaks ties in the same direction. */
const ALERT_ORDER: Record<AlertSort, string[]> = {
  severity: ["array_position(ARRAY['info','warning','error','critical'], severity)", 'last_seen'],
  last_seen: ['last_seen'],
  created_at: ['created_at'],
  occurrences: ['occurrences', 'last_seen'],
};

/** Pending operations kept while the database is unreachable; distinct fingerprints merge, so this is plenty. */
const MAX_BUFFERED_OPS = 50_000;
const FLUSH_INTERVAL_MS = 1_000;

/**
 * System alerts in `system_alerts`. Every raise goes through an ordered in-memory queue flushed in batches:
 * repeats of one fingerprint merge (occurrences, first_seen, last_seen) and, while the database is down, the
 * queue simply waits and is written when it returns, so no alert is lost. Resolutions by a condition that
 * cleared ("auto") go through the same queue, so their order relative to raises is kept.
 */
@Injectable()
export class AlertManager implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AlertManager');
  private ops: Op[] = [];
  /** The raise op of a fingerprint that later raises merge into (until a resolve op follows it). */
  private readonly openRaise = new Map<string, RaiseOp>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private databaseDown = false;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly webhook: AlertWebhook,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      if (this.ops.length) void this.flush();
    }, FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (this.ops.length) await this.flush().catch(() => undefined);
    await this.webhook.drain();
  }

  /** Alerts waiting to be written (the database was unreachable). */
  get buffered(): number {
    return this.ops.reduce((n, op) => n + (op.kind === 'raise' ? 1 : 0), 0);
  }

  /**
   * Raises an alert from inside the app: queued and written within a second, never awaited by the caller,
   * never thrown. Use createAlert when the caller needs the stored alert.
   */
  raise(input: AlertInput): void {
    this.enqueue(input, new Date());
  }

  /** Creates (or bumps, when its fingerprint is active) an alert and waits for it to be written. */
  async createAlert(input: AlertInput): Promise<CreateAlertResponse> {
    const op = this.enqueue(input, new Date());
    await this.flush();
    if (!op.result) return { id: null, created: false, buffered: true, occurrences: op.occurrences };
    return {
      id: op.result.alert.id,
      created: op.result.created,
      buffered: false,
      occurrences: op.result.alert.occurrences,
    };
  }

  /** Resolves the active alert of a fingerprint because its condition cleared (queued like raises). */
  async autoResolve(fingerprint: string, reason = 'condition cleared'): Promise<void> {
    this.ops.push({ kind: 'resolve', fingerprint, at: new Date(), reason });
    this.openRaise.delete(fingerprint);
    await this.flush();
  }

  /** An admin resolves an alert: resolved_by recorded and audit-logged in one transaction. */
  async resolveAlert(id: number, actorId: number | null): Promise<Alert> {
    return this.db.transaction(async (manager) => {
      const rows: AlertRow[] = await manager.query(
        `WITH u AS (
           UPDATE system_alerts SET resolved_at = now(), resolved_by = $2, resolution = 'manual'
            WHERE id = $1 AND resolved_at IS NULL RETURNING *)
         SELECT * FROM u`,
        [id, actorId],
      );
      if (!rows.length) {
        const [existing] = await manager.query(`SELECT resolved_at FROM system_alerts WHERE id = $1`, [id]);
        if (!existing) throw new NotFoundException(`Alert ${id} not found`);
        throw new ConflictException(`Alert ${id} is already resolved`);
      }
      const alert = toAlert(rows[0]);
      await this.audit.record(
        {
          actorId,
          action: 'alert.resolve',
          target: `alert:${id}`,
          details: { alert_type: alert.alert_type, severity: alert.severity, title: alert.title },
        },
        manager,
      );
      return alert;
    });
  }

  /** Active alerts, most severe first: `getActiveAlerts('critical')` as in the spec, or with a full query. */
  async getActiveAlerts(query: AlertSeverity | Partial<AlertListQuery> = {}): Promise<Page<Alert>> {
    const filters = typeof query === 'string' ? { severity: query } : query;
    return this.list({ page: 1, page_size: 50, ...filters }, 'active');
  }

  /** Every alert, active or resolved, most recent first (`from`/`to` bound last_seen). */
  async getHistory(query: AlertListQuery): Promise<Page<Alert>> {
    return this.list(query, 'all');
  }

  async getActiveAlertList(query: AlertListQuery): Promise<AlertList> {
    const [page, stats] = await Promise.all([this.getActiveAlerts(query), this.getAlertStats()]);
    return { ...page, stats };
  }

  async getAlertStats(): Promise<AlertStats> {
    const rows: Array<{ severity: AlertSeverity; alert_type: AlertType; n: string }> = await this.db.query(
      `SELECT severity, alert_type, count(*) AS n FROM system_alerts WHERE resolved_at IS NULL
        GROUP BY severity, alert_type`,
    );
    const by_severity = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as Record<AlertSeverity, number>;
    const by_type: Partial<Record<AlertType, number>> = {};
    let total = 0;
    for (const row of rows) {
      const n = Number(row.n);
      total += n;
      by_severity[row.severity] += n;
      by_type[row.alert_type] = (by_type[row.alert_type] ?? 0) + n;
    }
    return { total_active: total, by_severity, by_type, buffered: this.buffered };
  }

  /** Deletes resolved alerts older than `olderThanDays` (the scheduler's retention job calls this). */
  async applyRetention(olderThanDays = 30): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH d AS (DELETE FROM system_alerts WHERE resolved_at < now() - make_interval(days => $1) RETURNING 1)
       SELECT 1 FROM d`,
      [olderThanDays],
    );
    return rows.length;
  }

  /** Writes every queued operation in order; stops (keeping the rest) when the database is unreachable. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.drainQueue().finally(() => (this.flushing = null));
      return this.flushing;
    }
    // A flush is running: run another one after it, so ops queued meanwhile are written too.
    return this.flushing.then(() => this.flush());
  }

  private async drainQueue(): Promise<void> {
    while (this.ops.length) {
      const op = this.ops[0];
      try {
        if (op.kind === 'raise') await this.writeRaise(op);
        else await this.writeResolve(op);
      } catch (error) {
        if (isConnectionFailure(error)) {
          if (!this.databaseDown) this.logger.warn(`Database unreachable: ${this.ops.length} alert operation(s) kept`);
          this.databaseDown = true;
          return;
        }
        this.logger.error(`Dropping an alert operation the database rejected: ${(error as Error).message}`);
      }
      this.ops.shift();
      if (op.kind === 'raise' && this.openRaise.get(op.input.fingerprint) === op) {
        this.openRaise.delete(op.input.fingerprint);
      }
    }
    if (this.databaseDown) this.logger.log('Database reachable again: buffered alerts written');
    this.databaseDown = false;
  }

  private enqueue(input: AlertInput, at: Date): RaiseOp {
    const fingerprint = input.fingerprint ?? fingerprintOf(input.alert_type, input.title);
    const open = this.openRaise.get(fingerprint);
    // Only merge into an op not yet being written (the head may be mid-write).
    if (open && open !== this.ops[0]) {
      open.occurrences++;
      open.lastSeen = at;
      open.input = {
        ...open.input,
        ...normalise(input, fingerprint),
        severity: maxSeverity(open.input.severity, input.severity),
      };
      return open;
    }
    if (this.ops.length >= MAX_BUFFERED_OPS) {
      this.logger.error('Alert buffer full: dropping the oldest queued alert');
      this.ops.splice(1, 1);
    }
    const op: RaiseOp = {
      kind: 'raise',
      input: normalise(input, fingerprint),
      occurrences: 1,
      firstSeen: at,
      lastSeen: at,
    };
    this.ops.push(op);
    this.openRaise.set(fingerprint, op);
    return op;
  }

  private async writeRaise(op: RaiseOp): Promise<void> {
    const { input } = op;
    const rows: Array<AlertRow & { inserted: boolean }> = await this.db.query(
      `INSERT INTO system_alerts
         (alert_type, severity, title, message, data, fingerprint, source, occurrences, first_seen, last_seen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (fingerprint) WHERE resolved_at IS NULL DO UPDATE SET
         occurrences = system_alerts.occurrences + EXCLUDED.occurrences,
         first_seen = LEAST(system_alerts.first_seen, EXCLUDED.first_seen),
         last_seen = GREATEST(system_alerts.last_seen, EXCLUDED.last_seen),
         severity = CASE
           WHEN array_position($11::text[], EXCLUDED.severity) > array_position($11::text[], system_alerts.severity)
           THEN EXCLUDED.severity ELSE system_alerts.severity END,
         message = EXCLUDED.message,
         data = EXCLUDED.data
       RETURNING *, (xmax = 0) AS inserted`,
      [
        input.alert_type,
        input.severity,
        input.title,
        input.message,
        JSON.stringify(input.data),
        input.fingerprint,
        input.source,
        op.occurrences,
        op.firstSeen,
        op.lastSeen,
        ALERT_SEVERITIES,
      ],
    );
    const alert = toAlert(rows[0]);
    op.result = { alert, created: rows[0].inserted };
    if (rows[0].inserted) this.webhook.notify(alert);
  }

  private async writeResolve(op: ResolveOp): Promise<void> {
    await this.db.transaction(async (manager) => {
      const rows: Array<{ id: string }> = await manager.query(
        `WITH u AS (
           UPDATE system_alerts SET resolved_at = $2, resolution = 'auto'
            WHERE fingerprint = $1 AND resolved_at IS NULL RETURNING id)
         SELECT id FROM u`,
        [op.fingerprint, op.at],
      );
      for (const row of rows) {
        await this.audit.record(
          { actorId: null, action: 'alert.auto_resolve', target: `alert:${row.id}`, details: { reason: op.reason } },
          manager,
        );
      }
    });
  }

  private async list(query: AlertListQuery, scope: 'active' | 'all'): Promise<Page<Alert>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope === 'active') where.push('resolved_at IS NULL');
    if (query.severity) where.push(`severity = $${params.push(query.severity)}`);
    if (query.alert_type) where.push(`alert_type = $${params.push(query.alert_type)}`);
    if (query.from) where.push(`last_seen >= $${params.push(query.from)}`);
    if (query.to) where.push(`last_seen < $${params.push(query.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = params.push(query.page_size);
    const offset = params.push((query.page - 1) * query.page_size);
    const rows: Array<AlertRow & { total: string }> = await this.db.query(
      `SELECT *, count(*) OVER () AS total FROM system_alerts ${clause}
        ORDER BY ${[...ALERT_ORDER[query.sort ?? 'severity'], 'id'].map((t) => `${t} ${query.order === 'asc' ? 'ASC' : 'DESC'}`).join(', ')}
        LIMIT $${limit} OFFSET $${offset}`,
      params,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && query.page > 1) {
      const [count] = await this.db.query(`SELECT count(*) AS n FROM system_alerts ${clause}`, params.slice(0, -2));
      total = Number(count.n);
    }
    return { items: rows.map(toAlert), page: query.page, page_size: query.page_size, total };
  }
}

export function fingerprintOf(type: string, title: string): string {
  return `${type}:${createHash('sha1').update(title).digest('hex').slice(0, 16)}`;
}

function normalise(input: AlertInput, fingerprint: string): RaiseOp['input'] {
  return {
    alert_type: input.alert_type,
    severity: input.severity,
    title: input.title,
    message: input.message ?? '',
    data: input.data ?? {},
    fingerprint,
    source: input.source ?? 'system',
  };
}

function maxSeverity(a: AlertSeverity, b: AlertSeverity): AlertSeverity {
  return ALERT_SEVERITIES.indexOf(a) >= ALERT_SEVERITIES.indexOf(b) ? a : b;
}
