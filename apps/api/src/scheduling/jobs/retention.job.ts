import { Injectable } from '@nestjs/common';
import type { JobContext, JobDefinition, JobResult } from '../job-definition.js';
import { JobRunHistory } from '../job-run-history.js';
import { RETENTION, RetentionService } from '../retention.service.js';

/** Another area's retention step, e.g. monitoring's resolved alerts; answers the number of rows it deleted. */
export interface RetentionStep {
  name: string;
  run(): Promise<unknown>;
}

/**
 * retention: deletes old sessions (expired or revoked a week ago), login attempts (a month), job runs (a week),
 * quote history, activities and audit logs (RETENTION_*), expired idempotency keys, then runs the other areas'
 * retention steps. A failing step does not stop the others; the run fails at the end.
 */
@Injectable()
export class RetentionJob {
  constructor(
    private readonly retention: RetentionService,
    private readonly history: JobRunHistory,
  ) {}

  definition(steps: RetentionStep[]): JobDefinition {
    return { name: 'retention', run: (context) => this.run(context, steps) };
  }

  async run(context: JobContext, steps: RetentionStep[]): Promise<JobResult> {
    const now = context.scheduledAt ?? new Date();
    const { signal } = context;
    const deleted: Record<string, number> = {
      sessions: await this.retention.purgeSessions(now, signal),
      login_attempts: await this.retention.purgeLoginAttempts(now, signal),
      job_runs: await this.history.prune(new Date(now.getTime() - RETENTION.jobRunsDays * 24 * 3600_000), signal),
      quote_history: await this.retention.purgeQuoteHistory(now, signal),
      activities: await this.retention.purgeActivities(now, signal),
      audit_logs: await this.retention.purgeAuditLogs(now, signal),
      trade_idempotency_keys: await this.retention.purgeIdempotencyKeys(now, signal),
    };
    const failures: string[] = [];
    for (const step of steps) {
      signal.throwIfAborted();
      try {
        const result = await step.run();
        deleted[step.name] = typeof result === 'number' ? result : 0;
      } catch (error) {
        failures.push(`${step.name}: ${(error as Error).message}`);
      }
    }
    if (failures.length) throw new Error(`retention steps failed: ${failures.join('; ')}`);
    return {
      itemsProcessed: Object.values(deleted).reduce((a, b) => a + b, 0),
      details: { deleted },
    };
  }
}
