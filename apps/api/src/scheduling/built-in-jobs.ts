import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { MarketService } from '../market/market.service.js';
import { AlertManager } from '../monitoring/alert-manager.service.js';
import { MonitoringRollups } from '../monitoring/monitoring-rollups.service.js';
import { TradeRollups } from '../monitoring/trade-rollups.service.js';
import { OptionSettlement } from '../trading/option-settlement.service.js';
import { JobRunner } from './job-runner.js';
import { HealthProbeJob } from './jobs/health-probe.job.js';
import { optionExpiryJob } from './jobs/option-expiry.job.js';
import { quoteTickJob } from './jobs/quote-tick.job.js';
import { RetentionJob } from './jobs/retention.job.js';
import { rollupsJob } from './jobs/rollups.job.js';

/**
 * Registers the maintenance jobs: quote_tick (one simulated market step), health_probe, option_expiry (settles
 * expired option positions), retention (sessions, login attempts, job runs, resolved alerts, old trade rollups,
 * quote history, activities, audit logs, idempotency keys) and rollups (monitoring's pre-aggregation).
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
    private readonly options: OptionSettlement,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.register(quoteTickJob((at) => this.market.tick(at)));
    this.runner.register(this.healthProbe.definition());
    this.runner.register(optionExpiryJob((at, signal) => this.options.settleExpired(at, signal)));
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
