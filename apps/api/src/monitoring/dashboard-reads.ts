import { Injectable } from '@nestjs/common';
import type { MonitoringRead } from './monitoring-cache.js';
import { SystemMetrics } from './system-metrics.service.js';
import { UserActivityMonitor } from './user-activity-monitor.service.js';

/**
 * The cached monitoring reads the main dashboard makes when it opens (its requests are listed in the dashboard's
 * src/api/preload.ts), with the arguments its routes pass for those URLs: the warm_monitoring job keeps exactly these
 * keys fresh, so opening the dashboard computes nothing on the request path.
 */
@Injectable()
export class DashboardReads {
  constructor(
    private readonly system: SystemMetrics,
    private readonly activity: UserActivityMonitor,
  ) {}

  list(): MonitoringRead<unknown>[] {
    return [
      this.system.overviewRead(),
      this.system.databaseRead(),
      // ?page_size=5 on the overview's cards; the rest are the routes' defaults.
      this.activity.activeUsersTodayRead(1, 5),
      this.activity.tradingActivityRead(24),
      this.activity.leagueActivityRead({ pageSize: 5 }),
      this.activity.userRiskAssessmentRead(1, 5),
      this.activity.engagementMetricsRead(30),
    ];
  }
}
