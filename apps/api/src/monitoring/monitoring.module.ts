import { Module } from '@nestjs/common';
import { AdminRecordsController } from './admin-records.controller.js';
import { AlertManager } from './alert-manager.service.js';
import { AlertTriggers } from './alert-triggers.js';
import { AlertWebhook } from './alert-webhook.js';
import { AlertsController } from './alerts.controller.js';
import { AuditLogReader } from './audit-log-reader.service.js';
import { DashboardReads } from './dashboard-reads.js';
import { DashboardAssets } from './dashboard-assets.js';
import { HealthChecker } from './health-checker.service.js';
import { LeagueArchive } from './league-archive.service.js';
import { MetricsCollectors } from './metrics-collectors.js';
import { MetricsController } from './metrics.controller.js';
import { MonitoringPagesController } from './monitoring-pages.controller.js';
import { OverviewRenderer } from './overview-renderer.js';
import { MonitoringRollups } from './monitoring-rollups.service.js';
import { MonitoringController } from './monitoring.controller.js';
import { ProcessMetrics } from './process-metrics.js';
import { PrometheusMetrics } from './prometheus-metrics.js';
import { QueryTimer } from './query-timer.js';
import { RequestMetrics } from './request-metrics.js';
import { SystemMetrics } from './system-metrics.service.js';
import { TradeRollups } from './trade-rollups.service.js';
import { UserActivityMonitor } from './user-activity-monitor.service.js';
import { WindowCounter } from './window-counter.js';

/**
 * Admin monitoring: metrics, activity, risk, alerts, health, performance recording, Prometheus, the audit log
 * and archive routes, and the dashboard's pages. The scheduler's jobs call MonitoringRollups.rollup (every minute)
 * and AlertManager/TradeRollups.applyRetention; its health probe calls HealthChecker.probe.
 */
@Module({
  controllers: [
    MonitoringController,
    AlertsController,
    AdminRecordsController,
    MonitoringPagesController,
    MetricsController,
  ],
  providers: [
    PrometheusMetrics,
    OverviewRenderer,
    AlertWebhook,
    AlertManager,
    AlertTriggers,
    WindowCounter,
    HealthChecker,
    TradeRollups,
    MonitoringRollups,
    UserActivityMonitor,
    SystemMetrics,
    RequestMetrics,
    QueryTimer,
    ProcessMetrics,
    MetricsCollectors,
    AuditLogReader,
    LeagueArchive,
    DashboardAssets,
    DashboardReads,
  ],
  exports: [
    HealthChecker,
    AlertManager,
    TradeRollups,
    MonitoringRollups,
    SystemMetrics,
    UserActivityMonitor,
    RequestMetrics,
    DashboardReads,
  ],
})
export class MonitoringModule {}
