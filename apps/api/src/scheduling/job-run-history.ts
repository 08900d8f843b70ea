import { Injectable } from '@nestjs/common';
import type { JobLockBackend, JobOutcome, JobRunSort, JobRunView, JobTrigger, SortOrder } from '@league/contracts';
import { DataSource } from 'typeorm';
import type { RowOf } from '../database/row-of.js';

export interface RunStart {
  job: string;
  instanceId: string;
  trigger: JobTrigger;
  scheduledAt: Date | null;
  backend: JobLockBackend;
  actorId?: number | null;
}

export interface RunEnd {
  outcome: Exclude<JobOutcome, 'running'>;
  keysWarmed?: number | null;
  itemsProcessed?: number | null;
  error?: string | null;
  details?: Record<string, unknown>;
}

export interface RunFilter {
  job?: string;
  outcome?: JobOutcome;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
  /** Newest first unless given (a whitelisted column: JobRunsQueryDto). */
  sort?: JobRunSort;
  order?: SortOrder;
}

/** Each sort's ORDER BY, the id breaking ties in the same direction (indexes behind each: job-runs migrations). */
const RUN_ORDER: Record<JobRunSort, string> = {
  started_at: 'started_at',
  duration_ms: 'duration_ms',
  job: 'job, started_at',
  outcome: 'outcome, started_at',
};

type JobRunRow = RowOf<JobRunView, 'scheduled_at' | 'started_at' | 'finished_at', { id: string }>;

const COLUMNS = `id, job, instance_id, trigger, scheduled_at, started_at, finished_at, duration_ms, outcome,
  lock_backend, keys_warmed, items_processed, error, details, actor_id`;
/** Errors are kept short: a stack trace belongs in the log, not in every history row. */
const MAX_ERROR_LENGTH = 2_000;
const PRUNE_BATCH = 5_000;

export function toJobRunView(row: JobRunRow): JobRunView {
  return {
    id: Number(row.id),
    job: row.job,
    instance_id: row.instance_id,
    trigger: row.trigger,
    scheduled_at: row.scheduled_at?.toISOString() ?? null,
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
    duration_ms: row.duration_ms,
    outcome: row.outcome,
    lock_backend: row.lock_backend,
    keys_warmed: row.keys_warmed,
    items_processed: row.items_processed,
    error: row.error,
    details: row.details ?? {},
    actor_id: row.actor_id,
  };
}

/** The job_runs table: one row per tick (unique job + scheduled_at) or manual run. */
@Injectable()
export class JobRunHistory {
  constructor(private readonly db: DataSource) {}

  /**
   * Records a run as started. Returns null when the tick already has a row: another instance claimed it, so this
   * one must not run it.
   */
  async start(run: RunStart): Promise<JobRunView | null> {
    const rows = (await this.db.query(
      `INSERT INTO job_runs (job, instance_id, trigger, scheduled_at, outcome, lock_backend, actor_id)
       VALUES ($1, $2, $3, $4, 'running', $5, $6)
       ON CONFLICT (job, scheduled_at) DO NOTHING
       RETURNING ${COLUMNS}`,
      [run.job, run.instanceId, run.trigger, run.scheduledAt, run.backend, run.actorId ?? null],
    )) as JobRunRow[];
    return rows[0] ? toJobRunView(rows[0]) : null;
  }

  /** Records a tick that could not run because the previous run still held the lock (once per tick). */
  async skipped(run: RunStart, reason: string): Promise<JobRunView | null> {
    const rows = (await this.db.query(
      `INSERT INTO job_runs (job, instance_id, trigger, scheduled_at, finished_at, duration_ms, outcome, lock_backend,
                             error, actor_id)
       VALUES ($1, $2, $3, $4, now(), 0, 'skipped', $5, $6, $7)
       ON CONFLICT (job, scheduled_at) DO NOTHING
       RETURNING ${COLUMNS}`,
      [run.job, run.instanceId, run.trigger, run.scheduledAt, run.backend, reason, run.actorId ?? null],
    )) as JobRunRow[];
    return rows[0] ? toJobRunView(rows[0]) : null;
  }

  /** Ends a run. A run already ended (marked abandoned by the instance that took over) is left as it is. */
  async finish(id: number, end: RunEnd): Promise<JobRunView | null> {
    const rows = (await this.db.query(
      `UPDATE job_runs
          SET outcome = $2, finished_at = now(),
              duration_ms = round(extract(epoch FROM clock_timestamp() - started_at) * 1000)::int,
              keys_warmed = $3, items_processed = $4, error = $5, details = $6
        WHERE id = $1 AND outcome = 'running'
        RETURNING ${COLUMNS}`,
      [
        id,
        end.outcome,
        end.keysWarmed ?? null,
        end.itemsProcessed ?? null,
        end.error ? end.error.slice(0, MAX_ERROR_LENGTH) : null,
        JSON.stringify(end.details ?? {}),
      ],
    )) as [JobRunRow[], number];
    const updated = rows[0];
    return updated?.[0] ? toJobRunView(updated[0]) : null;
  }

  /**
   * Called by the new holder of a job's lock: a run of that job still marked running and started more than a lease
   * ago belongs to an instance that lost its lease (it died or hung), so it is closed as failed.
   */
  async abandonRunning(job: string, takenOverBy: string, leaseTtlMs: number, exceptId: number | null): Promise<number> {
    const result = (await this.db.query(
      `UPDATE job_runs
          SET outcome = 'failed', finished_at = now(),
              duration_ms = round(extract(epoch FROM clock_timestamp() - started_at) * 1000)::int,
              error = 'abandoned: the instance lost its lease before finishing; taken over by ' || $2
        WHERE job = $1 AND outcome = 'running' AND started_at < now() - make_interval(secs => $3 / 1000.0)
          AND id IS DISTINCT FROM $4`,
      [job, takenOverBy, leaseTtlMs, exceptId],
    )) as [unknown[], number];
    return result[1];
  }

  async list(filter: RunFilter): Promise<{ items: JobRunView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.job) where.push(`job = $${params.push(filter.job)}`);
    if (filter.outcome) where.push(`outcome = $${params.push(filter.outcome)}`);
    if (filter.from) where.push(`started_at >= $${params.push(filter.from)}`);
    if (filter.to) where.push(`started_at < $${params.push(filter.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, counted] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS} FROM job_runs ${clause} ORDER BY ${orderBy(filter.sort ?? 'started_at', filter.order ?? 'desc')}
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
      ) as Promise<JobRunRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM job_runs ${clause}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(toJobRunView), total: counted[0].total };
  }

  /** Per job: the latest run, the latest successful run's time and the run in progress. */
  async latestByJob(): Promise<
    Map<string, { last: JobRunView | null; lastSuccessAt: string | null; running: JobRunView | null }>
  > {
    const [last, success, running] = await Promise.all([
      this.db.query(
        `SELECT DISTINCT ON (job) ${COLUMNS} FROM job_runs ORDER BY job, started_at DESC, id DESC`,
      ) as Promise<JobRunRow[]>,
      this.db.query(`SELECT job, max(started_at) AS at FROM job_runs WHERE outcome = 'ok' GROUP BY job`) as Promise<
        { job: string; at: Date }[]
      >,
      this.db.query(
        `SELECT DISTINCT ON (job) ${COLUMNS} FROM job_runs WHERE outcome = 'running' ORDER BY job, started_at DESC`,
      ) as Promise<JobRunRow[]>,
    ]);
    const byJob = new Map<
      string,
      { last: JobRunView | null; lastSuccessAt: string | null; running: JobRunView | null }
    >();
    const entry = (job: string) => {
      let e = byJob.get(job);
      if (!e) byJob.set(job, (e = { last: null, lastSuccessAt: null, running: null }));
      return e;
    };
    for (const row of last) entry(row.job).last = toJobRunView(row);
    for (const row of success) entry(row.job).lastSuccessAt = row.at.toISOString();
    for (const row of running) entry(row.job).running = toJobRunView(row);
    return byJob;
  }

  /** Deletes finished runs started before `before`, in batches so no long lock is held. */
  async prune(before: Date, signal?: AbortSignal): Promise<number> {
    let total = 0;
    for (;;) {
      if (signal?.aborted) break;
      const result = (await this.db.query(
        `DELETE FROM job_runs WHERE id IN (
           SELECT id FROM job_runs WHERE started_at < $1 AND outcome <> 'running' LIMIT ${PRUNE_BATCH})`,
        [before],
      )) as [unknown[], number];
      total += result[1];
      if (result[1] < PRUNE_BATCH) break;
    }
    return total;
  }
}

function orderBy(sort: JobRunSort, order: SortOrder): string {
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  // Runs without a duration (still running) sort last either way.
  return [...RUN_ORDER[sort].split(', '), 'id']
    .map((c) => `${c} ${dir}${c === 'duration_ms' ? ' NULLS LAST' : ''}`)
    .join(', ');
}
