import type { Page } from './pagination.js';

/** How a job run ended; `running` while it is in progress. */
export type JobOutcome = 'running' | 'ok' | 'failed' | 'skipped';
export type JobTrigger = 'schedule' | 'manual';
/** Which lock kept the run exclusive: the Redis lease, or the PostgreSQL advisory lock when Redis is down. */
export type JobLockBackend = 'redis' | 'postgres';

/** One row of the run history. */
export interface JobRunView {
  id: number;
  job: string;
  instance_id: string;
  trigger: JobTrigger;
  /** The cron tick this run belongs to; null for a manual run. */
  scheduled_at: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  outcome: JobOutcome;
  lock_backend: JobLockBackend;
  /** Cache keys written by a warmer; null for other jobs. */
  keys_warmed: number | null;
  /** Rows or items the job handled (deleted sessions, ticked quotes ...). */
  items_processed: number | null;
  error: string | null;
  details: Record<string, unknown>;
  actor_id: number | null;
}

/** A job as this instance knows it: its schedule, next tick and latest run (on any instance). */
export interface JobStatusView {
  name: string;
  /** Cron expression (seconds first), or `off`. */
  schedule: string;
  /** False when the job's code is not available (its module is absent), so it never runs. */
  registered: boolean;
  enabled: boolean;
  next_run_at: string | null;
  last_run: JobRunView | null;
  last_success_at: string | null;
  /** The run in progress, on whichever instance holds the job's lease. */
  running: JobRunView | null;
}

/** `GET /admin/monitoring/jobs/json`: jobs with their state, and the filtered, paginated run history. */
export interface JobsResponse {
  instance_id: string;
  lock_backend: JobLockBackend;
  jobs: JobStatusView[];
  runs: Page<JobRunView>;
}

/** `POST /admin/monitoring/cache/warm`. */
export interface WarmCacheRequest {
  target: string;
}

export interface WarmCacheResponse {
  target: string;
  /** One run per job the target stands for (`all` runs every warmer). */
  runs: JobRunView[];
}
