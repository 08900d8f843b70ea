import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.token.js';
import { TradeRollups } from '../../monitoring/trade-rollups.service.js';
import type { JobContext, JobDefinition, JobResult } from '../job-definition.js';
import { JobRunner } from '../job-runner.js';
import { WarmTargets } from '../warm-targets.js';
import { emptyTally, WarmCacheScheduler, type WarmOptions } from './warm-cache.scheduler.js';

/** Slack added to a job's horizon: the next run writes its keys some time after its tick. */
const HORIZON_SLACK_MS = 1_000;

/**
 * Registers the warm jobs with the JobRunner (schedules from config.schedules: SCHEDULE_WARM_LEADERBOARDS ...)
 * and the warm targets of `POST /admin/monitoring/cache/warm` (`all`, `leaderboards`, `stocks`, `user_stats`,
 * `monitoring`).
 */
@Injectable()
export class WarmCacheJobs implements OnApplicationBootstrap {
  /** Duration of the last run of each job here: the next run needs about as long to reach its keys. */
  private readonly lastDurationMs = new Map<string, number>();
  private readonly logger = new Logger('WarmCache');

  constructor(
    private readonly runner: JobRunner,
    private readonly targets: WarmTargets,
    private readonly warmer: WarmCacheScheduler,
    private readonly rollups: TradeRollups,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.register(this.job('warm_leaderboards', (o) => this.warmer.warmLeaderboards(o)));
    this.runner.register(this.job('warm_popular_stocks', (o) => this.warmer.warmPopularStocks(o)));
    this.runner.register(this.job('warm_user_stats', (o) => this.warmer.warmUserStats(undefined, o)));
    this.runner.register(this.job('warm_monitoring', (o) => this.warmer.warmMonitoring(o)));
    this.targets.register('leaderboards', ['warm_leaderboards']);
    this.targets.register('stocks', ['warm_popular_stocks']);
    this.targets.register('user_stats', ['warm_user_stats']);
    this.targets.register('monitoring', ['warm_monitoring']);
    this.targets.register('all', ['warm_leaderboards', 'warm_popular_stocks', 'warm_user_stats', 'warm_monitoring']);
    // The first admin after a restart finds the dashboard's figures computed: warm them now, in the background,
    // after the rollups' catch-up (started at bootstrap when they are scheduled), instead of at the first tick.
    if ((this.config.schedules.warm_monitoring ?? 'off') !== 'off') {
      const rollupsCurrent = (this.config.schedules.rollups ?? 'off') !== 'off' ? this.rollups.catchUp() : undefined;
      void Promise.resolve(rollupsCurrent)
        .then(() => this.warmer.warmMonitoring())
        .catch((error: Error) => this.logger.warn(`Start-up warm of the dashboard failed: ${error.message}`));
    }
  }

  private job(name: string, warm: (options: WarmOptions) => Promise<number>): JobDefinition {
    return {
      name,
      run: async (context: JobContext): Promise<JobResult> => {
        const started = Date.now();
        const tally = emptyTally();
        const horizonMs = this.horizon(name, started);
        const written = await warm({ signal: context.signal, horizonMs, tally });
        this.lastDurationMs.set(name, Date.now() - started);
        return {
          keysWarmed: written,
          itemsProcessed: tally.candidates,
          details: {
            candidates: tally.candidates,
            written: tally.written,
            fresh: tally.fresh,
            failed: tally.failed,
            first_error: tally.firstError,
            horizon_ms: horizonMs,
          },
        };
      },
    };
  }

  /** ms until this job's next tick (plus the last run's duration and some slack); 0 when it has no schedule. */
  private horizon(name: string, now: number): number {
    const next = this.runner.list().find((job) => job.name === name)?.nextRunAt;
    if (!next) return 0;
    return Math.max(0, next.getTime() - now) + (this.lastDurationMs.get(name) ?? 0) + HORIZON_SLACK_MS;
  }
}
