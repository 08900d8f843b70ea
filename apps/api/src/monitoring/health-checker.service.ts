import { Inject, Injectable, Optional } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import type { ComponentHealth, ComponentStatus, HealthReport } from '@league/contracts';
import { CACHE_STATUS, type CacheStatusSource } from '../cache/cache-status.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { DomainEvent, type HealthConditionEvent } from '../events/domain-events.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { AlertManager } from './alert-manager.service.js';

type Component = HealthConditionEvent['component'];

/** Slower than this and a reachable component is "degraded". */
export const LATENCY_BUDGET_MS = { database: 250, cache: 100 } as const;
/** No answer within this and the component counts as down. */
export const CHECK_TIMEOUT_MS = { database: 2_000, cache: 500 } as const;

type Check = Omit<ComponentHealth, 'since'>;

/**
 * Three-state health: database down is `unhealthy` (nothing works); a slow database, the cache down while the
 * database is up, or an open breaker is `degraded` (the app still answers). Remembers since when each
 * component is in its state, and turns changes into alerts (raised, then auto-resolved when they clear).
 */
@Injectable()
export class HealthChecker {
  private readonly state = new Map<Component, { status: ComponentStatus; since: Date }>();

  constructor(
    private readonly db: DataSource,
    private readonly redis: RedisConnection,
    private readonly alerts: AlertManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(CACHE_STATUS) private readonly cacheStatus?: CacheStatusSource,
  ) {}

  async fullHealthCheck(): Promise<HealthReport> {
    const [database, cache] = await Promise.all([this.checkDatabase(), this.checkCache()]);
    return { timestamp: new Date().toISOString(), database, cache, overall_status: overallStatus(database, cache) };
  }

  async checkDatabase(): Promise<ComponentHealth> {
    const started = performance.now();
    let check: Check;
    try {
      await withTimeout(this.db.query('SELECT 1'), CHECK_TIMEOUT_MS.database);
      const latency = round(performance.now() - started);
      check =
        latency > LATENCY_BUDGET_MS.database
          ? {
              status: 'degraded',
              message: `Database slow: ${latency} ms (budget ${LATENCY_BUDGET_MS.database} ms)`,
              latency_ms: latency,
            }
          : { status: 'healthy', message: 'Database reachable', latency_ms: latency };
    } catch (error) {
      check = { status: 'unhealthy', message: `Database unreachable: ${(error as Error).message}`, latency_ms: null };
    }
    return this.remember('database', check);
  }

  async checkCache(): Promise<ComponentHealth> {
    return this.remember('cache', await this.probeCache());
  }

  /**
   * The scheduler's health probe: checks everything and raises (or auto-resolves) the matching alerts, whatever
   * this instance saw before, so that any instance's probe resolves a condition another one raised.
   */
  async probe(): Promise<HealthReport> {
    const report = await this.fullHealthCheck();
    await Promise.all([
      this.applyCondition({ component: 'database', ...report.database, at: new Date() }),
      this.applyCondition({ component: 'cache', ...report.cache, at: new Date() }),
    ]);
    return report;
  }

  /** A condition seen by the scheduler's probe (or anyone): raise its alert, or resolve it once healthy. */
  @OnEvent(DomainEvent.HealthCondition)
  async applyCondition(event: HealthConditionEvent): Promise<void> {
    const fingerprint = `health:${event.component}`;
    if (event.status === 'healthy') {
      await this.alerts.autoResolve(fingerprint, `${event.component} healthy again`);
      return;
    }
    const database = event.component === 'database';
    this.alerts.raise({
      alert_type: database ? 'database_error' : 'cache_error',
      severity: event.status === 'unhealthy' ? (database ? 'critical' : 'error') : 'warning',
      title: database ? 'Database health problem' : 'Cache health problem',
      message: event.message,
      data: { component: event.component, status: event.status },
      fingerprint,
      source: 'health',
    });
  }

  private async probeCache(): Promise<Check> {
    if (this.cacheStatus) {
      try {
        const probe = await withTimeout(this.cacheStatus.probe(), CHECK_TIMEOUT_MS.cache);
        const details = { backend: probe.backend, breaker_state: probe.breaker_state, cache_layer: 'configured' };
        if (!probe.reachable || probe.breaker_state !== 'closed') {
          return { status: 'degraded', message: probe.message, latency_ms: probe.latency_ms, details };
        }
        if (probe.latency_ms !== null && probe.latency_ms > LATENCY_BUDGET_MS.cache) {
          return {
            status: 'degraded',
            message: `Cache slow: ${probe.latency_ms} ms (budget ${LATENCY_BUDGET_MS.cache} ms)`,
            latency_ms: probe.latency_ms,
            details,
          };
        }
        return { status: 'healthy', message: probe.message, latency_ms: probe.latency_ms, details };
      } catch (error) {
        return { status: 'degraded', message: `Cache probe failed: ${(error as Error).message}`, latency_ms: null };
      }
    }
    // The cache layer is not registered: report what is there, the shared Redis connection.
    const details = { cache_layer: 'not configured', backend: this.config.redisEnabled ? 'redis' : 'memory' };
    if (!this.config.redisEnabled) {
      return { status: 'healthy', message: 'Cache not configured (Redis disabled)', latency_ms: null, details };
    }
    const client = this.redis.client;
    if (!client) {
      return { status: 'degraded', message: 'Redis unreachable since start-up', latency_ms: null, details };
    }
    const started = performance.now();
    try {
      await withTimeout(client.ping(), CHECK_TIMEOUT_MS.cache);
      const latency = round(performance.now() - started);
      if (latency > LATENCY_BUDGET_MS.cache) {
        return { status: 'degraded', message: `Redis slow: ${latency} ms`, latency_ms: latency, details };
      }
      return {
        status: 'healthy',
        message: 'Redis reachable (cache layer not configured)',
        latency_ms: latency,
        details,
      };
    } catch (error) {
      return {
        status: 'degraded',
        message: `Redis unreachable: ${(error as Error).message}`,
        latency_ms: null,
        details,
      };
    }
  }

  private remember(component: Component, check: Check): ComponentHealth {
    const previous = this.state.get(component);
    const now = new Date();
    const current = previous && previous.status === check.status ? previous : { status: check.status, since: now };
    this.state.set(component, current);
    if (previous && previous.status !== check.status) {
      // A change seen by this instance becomes (or clears) an alert at once, without waiting for the probe.
      void this.applyCondition({ component, status: check.status, message: check.message, at: now }).catch(
        () => undefined,
      );
    } else if (!previous && check.status !== 'healthy') {
      void this.applyCondition({ component, status: check.status, message: check.message, at: now }).catch(
        () => undefined,
      );
    }
    return { ...check, since: current.since.toISOString() };
  }
}

export function overallStatus(...components: ComponentHealth[]): ComponentStatus {
  const [database, ...rest] = components;
  if (database.status === 'unhealthy') return 'unhealthy';
  if (database.status === 'degraded' || rest.some((c) => c.status !== 'healthy')) return 'degraded';
  return 'healthy';
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
