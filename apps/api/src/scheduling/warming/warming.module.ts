import { Module } from '@nestjs/common';
import { MonitoringModule } from '../../monitoring/monitoring.module.js';
import { TradingModule } from '../../trading/trading.module.js';
import { SchedulingModule } from '../scheduling.module.js';
import { WarmCacheJobs } from './warm-cache.jobs.js';
import { WarmCacheScheduler } from './warm-cache.scheduler.js';
import { WarmCandidates } from './warm-candidates.js';

/**
 * Cache warming: WarmCacheScheduler (what to warm and how), its cron jobs and warm targets. Reads through
 * trading's CachedReads (the routes' keys and bodies) and picks candidates from monitoring's trade rollups.
 */
@Module({
  imports: [TradingModule, MonitoringModule, SchedulingModule],
  providers: [WarmCandidates, WarmCacheScheduler, WarmCacheJobs],
  exports: [WarmCacheScheduler],
})
export class WarmingModule {}
