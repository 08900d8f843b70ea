import { Auth1764300000000 } from './1764300000000-auth.js';
import { Trading1764300001000 } from './1764300001000-trading.js';
import { Monitoring1795851810720 } from './1795851810720-monitoring.js';
import { TradingValuation1795851830028 } from './1795851830028-trading-valuation.js';
import { JobRuns1795851850743 } from './1795851850743-job-runs.js';
import { RateCounters1795851900000 } from './1795851900000-rate-counters.js';
import { SessionNotifications1795851910000 } from './1795851910000-session-notifications.js';
import { TradingIntegrity1796084143988 } from './1796084143988-trading-integrity.js';
import { MonitoringScale1796300000000 } from './1796300000000-monitoring-scale.js';

/** Every migration, oldest first. Append new ones here. */
export const MIGRATIONS = [
  Auth1764300000000,
  Trading1764300001000,
  Monitoring1795851810720,
  TradingValuation1795851830028,
  JobRuns1795851850743,
  RateCounters1795851900000,
  SessionNotifications1795851910000,
  TradingIntegrity1796084143988,
  MonitoringScale1796300000000,
];
