import { Inject, Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import v8 from 'node:v8';
import { CACHE_STATUS, type CacheStatusSource } from '../cache/cache-status.js';
import { AlertManager } from './alert-manager.service.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

const SAMPLE_MS = 10_000;
const HISTORY = 360; // one hour of samples

/** Thresholds of the `high_load` alerts. */
export const HIGH_LOAD = { eventLoopP99Ms: 500, cpuPercent: 90, heapPercent: 90 } as const;

export interface ProcessSample {
  at: Date;
  lagMeanMs: number;
  lagP99Ms: number;
  lagMaxMs: number;
  cpuPercent: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  heapPercent: number;
  cacheHitRate: number | null;
}

/**
 * Samples this process every 10 s: event-loop delay (perf_hooks), CPU, memory and the cache hit rate over the
 * interval. Keeps an hour of samples and raises `high_load` alerts while a threshold is crossed (auto-resolved
 * when it no longer is).
 */
@Injectable()
export class ProcessMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private readonly samples: ProcessSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();
  private lastCache: { hits: number; total: number } | null = null;
  private readonly raised = new Set<string>();

  constructor(
    private readonly alerts: AlertManager,
    private readonly prometheus: PrometheusMetrics,
    @Optional() @Inject(CACHE_STATUS) private readonly cacheStatus?: CacheStatusSource,
  ) {}

  onModuleInit(): void {
    this.histogram.enable();
    this.timer = setInterval(() => void this.sample().catch(() => undefined), SAMPLE_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  /** The latest sample, or one taken now when none exists yet. */
  async current(): Promise<ProcessSample> {
    return this.samples.at(-1) ?? (await this.sample());
  }

  history(): ProcessSample[] {
    return [...this.samples];
  }

  /** Current event-loop lag without waiting for the next sample. */
  liveLagMs(): number {
    const mean = this.histogram.mean;
    return Number.isFinite(mean) ? round(mean / 1e6) : 0;
  }

  async sample(): Promise<ProcessSample> {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const elapsedMs = Math.max(1, now - this.lastAt);
    this.lastCpu = process.cpuUsage();
    this.lastAt = now;
    const memory = process.memoryUsage();
    const heapLimit = v8.getHeapStatistics().heap_size_limit;
    const lag = this.histogram;
    const sample: ProcessSample = {
      at: new Date(),
      lagMeanMs: Number.isFinite(lag.mean) ? round(lag.mean / 1e6) : 0,
      lagP99Ms: round(lag.percentile(99) / 1e6),
      lagMaxMs: round(lag.max / 1e6),
      cpuPercent: round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 100),
      rssMb: round(memory.rss / 1048576),
      heapUsedMb: round(memory.heapUsed / 1048576),
      heapTotalMb: round(memory.heapTotal / 1048576),
      heapPercent: round((memory.heapUsed / heapLimit) * 100),
      cacheHitRate: await this.cacheHitRate(),
    };
    lag.reset();
    this.prometheus.eventLoopLag.set(sample.lagP99Ms / 1000);
    this.samples.push(sample);
    if (this.samples.length > HISTORY) this.samples.shift();
    await this.checkLoad(sample);
    return sample;
  }

  private async cacheHitRate(): Promise<number | null> {
    if (!this.cacheStatus) return null;
    try {
      const stats = await this.cacheStatus.getStats();
      const previous = this.lastCache;
      this.lastCache = { hits: stats.hits, total: stats.total_requests };
      if (!previous || stats.total_requests <= previous.total) return stats.hit_rate_percent;
      return round(((stats.hits - previous.hits) / (stats.total_requests - previous.total)) * 100);
    } catch {
      return null;
    }
  }

  /** Raises or resolves the `high_load` alerts for one sample (each sample runs it; public for tests). */
  async checkLoad(s: ProcessSample): Promise<void> {
    const conditions: Array<[string, boolean, string, Record<string, unknown>]> = [
      [
        'event_loop',
        s.lagP99Ms > HIGH_LOAD.eventLoopP99Ms,
        `Event-loop delay p99 ${s.lagP99Ms} ms (threshold ${HIGH_LOAD.eventLoopP99Ms} ms)`,
        { event_loop_p99_ms: s.lagP99Ms },
      ],
      [
        'cpu',
        s.cpuPercent > HIGH_LOAD.cpuPercent,
        `CPU usage ${s.cpuPercent}% (threshold ${HIGH_LOAD.cpuPercent}%)`,
        { cpu_usage: s.cpuPercent },
      ],
      [
        'memory',
        s.heapPercent > HIGH_LOAD.heapPercent,
        `Heap usage ${s.heapPercent}% of its limit (threshold ${HIGH_LOAD.heapPercent}%)`,
        { heap_percent: s.heapPercent, rss_mb: s.rssMb },
      ],
    ];
    for (const [name, over, message, data] of conditions) {
      const fingerprint = `high_load:${name}:${process.pid}`;
      if (over) {
        this.raised.add(fingerprint);
        this.alerts.raise({
          alert_type: 'high_load',
          severity: 'warning',
          title: 'High system load detected',
          message,
          data: { ...data, pid: process.pid },
          fingerprint,
          source: 'process',
        });
      } else if (this.raised.delete(fingerprint)) {
        await this.alerts.autoResolve(fingerprint, `${name} back under threshold`);
      }
    }
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
