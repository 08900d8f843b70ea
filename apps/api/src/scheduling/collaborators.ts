import type { ProviderRef } from './optional-provider.js';

/**
 * The other areas' methods that built-in jobs call, each resolved at start-up and skipped (with a log line) when
 * absent. This table is the one place to adjust when those areas rename or add them.
 */
export const COLLABORATORS = {
  /** quote_tick: one simulated price step of every symbol, given the tick's scheduled time. */
  quoteTick: { module: '../market/market.service.js', exportName: 'MarketService', method: 'tick' },
  /** retention: each deletes what has aged out of one of monitoring's tables and returns how many rows. */
  retention: [
    { module: '../monitoring/alert-manager.service.js', exportName: 'AlertManager', method: 'applyRetention' },
  ],
  /** rollups: pre-aggregation of trades and metrics into the rollup tables monitoring reads. */
  rollups: [
    { module: '../monitoring/monitoring-rollups.service.js', exportName: 'MonitoringRollups', method: 'rollup' },
  ],
} satisfies Record<string, ProviderRef | ProviderRef[]>;
