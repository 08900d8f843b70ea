import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { MarketService } from '../market/market.service.js';
import { AlertManager } from '../monitoring/alert-manager.service.js';
import { MonitoringRollups } from '../monitoring/monitoring-rollups.service.js';
import { TradeRollups } from '../monitoring/trade-rollups.service.js';
import { JobRunner } from './job-runner.js';
import { HealthProbeJob } from './jobs/health-probe.job.js';
import { quoteTickJob } from './jobs/quote-tick.job.js';
import { RetentionJob } from './jobs/retention.job.js';
import { rollupsJob } from './jobs/rollups.job.js';

/**
 * Registers the maintenance jobs: quote_tick (one simulated market step), health_probe, retention (sessions,
 * login attempts, job runs, resolved alerts, old trade rollups) and rollups (monitoring's pre-aggregation).
 * The cache warmers register themselves (WarmCacheJobs).
 */
@Injectable()
export class BuiltInJobs implements OnApplicationBootstrap {
  constructor(
    private readonly runner: JobRunner,
    private readonly market: MarketService,
    private readonly alerts: AlertManager,
    private readonly tradeRollups: TradeRollups,
    private readonly monitoringRollups: MonitoringRollups,
    private readonly healthProbe: HealthProbeJob,
    private readonly retention: RetentionJob,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.register(quoteTickJob((at) => this.market.tick(at)));
    this.runner.register(this.healthProbe.definition());
    this.runner.register(
      this.retention.definition([
        { name: 'AlertManager.applyRetention', run: () => this.alerts.applyRetention() },
        { name: 'TradeRollups.applyRetention', run: () => this.tradeRollups.applyRetention() },
      ]),
    );
    this.runner.register(
      rollupsJob([{ name: 'MonitoringRollups.rollup', run: (at) => this.monitoringRollups.rollup(at) }]),
    );
  }
}
