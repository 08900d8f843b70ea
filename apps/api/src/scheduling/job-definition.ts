import type { JobTrigger } from '@league/contracts';

/** What a job sees while it runs. */
export interface JobContext {
  name: string;
  trigger: JobTrigger;
  /** The cron tick being run; null for a manual run. */
  scheduledAt: Date | null;
  instanceId: string;
  /**
   * Aborted when this instance lost the job's lease (another instance may take over) or when shutdown stopped
   * waiting. Long jobs check it between batches and stop.
   */
  signal: AbortSignal;
}

/** What a job reports; everything is optional. */
export interface JobResult {
  /** Cache keys written (warmers). */
  keysWarmed?: number;
  /** Rows or items handled (deleted rows, ticked quotes ...). */
  itemsProcessed?: number;
  details?: Record<string, unknown>;
  /** Set when the job decided there was nothing to do (outside market hours ...): the run is recorded as skipped. */
  skippedReason?: string;
}

export interface JobDefinition {
  /** snake_case; also the key of its schedule in config.schedules (SCHEDULE_<NAME>). */
  name: string;
  run(context: JobContext): Promise<JobResult | void>;
  /** Cron expression (6 fields, seconds first) or 'off'; defaults to config.schedules[name]. */
  schedule?: string;
  /** Lease of this job; defaults to config.jobs.leaseTtlMs. Must exceed the longest pause between renewals. */
  leaseTtlMs?: number;
}
