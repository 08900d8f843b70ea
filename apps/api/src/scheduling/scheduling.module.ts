import { Module } from '@nestjs/common';
import { MarketModule } from '../market/market.module.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { TradingModule } from '../trading/trading.module.js';
import { BuiltInJobs } from './built-in-jobs.js';
import { CacheWarmController } from './cache-warm.controller.js';
import { makeInstanceId } from './instance-id.js';
import { JobLeases } from './job-lease.js';
import { JobRunHistory } from './job-run-history.js';
import { JobRunner } from './job-runner.js';
import { JobsController } from './jobs.controller.js';
import { HealthProbeJob } from './jobs/health-probe.job.js';
import { RetentionJob } from './jobs/retention.job.js';
import { RetentionService } from './retention.service.js';
import { INSTANCE_ID } from './scheduling.tokens.js';
import { WarmTargets } from './warm-targets.js';

/**
 * Cron jobs run exactly once per tick across instances (JobRunner + JobLeases), their history (job_runs), the
 * built-in maintenance jobs, and the admin routes. Needs ScheduleModule.forRoot() in the app module.
 */
@Module({
  imports: [MarketModule, MonitoringModule, TradingModule],
  controllers: [JobsController, CacheWarmController],
  providers: [
    { provide: INSTANCE_ID, useFactory: makeInstanceId },
    JobLeases,
    JobRunHistory,
    JobRunner,
    WarmTargets,
    RetentionService,
    HealthProbeJob,
    RetentionJob,
    BuiltInJobs,
  ],
  exports: [JobRunner, WarmTargets, JobRunHistory, INSTANCE_ID],
})
export class SchedulingModule {}
