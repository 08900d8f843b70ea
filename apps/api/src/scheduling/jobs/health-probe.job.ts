import { Injectable } from '@nestjs/common';
import { HealthChecker } from '../../monitoring/health-checker.service.js';
import type { JobDefinition, JobResult } from '../job-definition.js';

/**
 * health_probe: monitoring's full health check of the database and the cache, which raises an alert for a
 * problem and resolves it once the condition clears, whichever instance saw it first.
 */
@Injectable()
export class HealthProbeJob {
  constructor(private readonly health: HealthChecker) {}

  definition(): JobDefinition {
    return { name: 'health_probe', run: () => this.run() };
  }

  async run(): Promise<JobResult> {
    const report = await this.health.probe();
    const summary = ({
      status,
      latency_ms,
      message,
    }: {
      status: string;
      latency_ms: number | null;
      message: string;
    }) => ({
      status,
      latency_ms,
      message,
    });
    return {
      itemsProcessed: 2,
      details: {
        overall_status: report.overall_status,
        database: summary(report.database),
        cache: summary(report.cache),
      },
    };
  }
}
