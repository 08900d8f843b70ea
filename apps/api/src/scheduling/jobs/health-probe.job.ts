import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { CACHE_STATUS, type CacheStatusSource } from '../../cache/cache-status.js';
import { DomainEvent, type HealthConditionEvent } from '../../events/domain-events.js';
import type { JobDefinition, JobResult } from '../job-definition.js';

const DATABASE_TIMEOUT_MS = 2_000;
/** A database slower than this to answer SELECT 1 is degraded. */
const DATABASE_SLOW_MS = 500;
const CACHE_TIMEOUT_MS = 2_000;

type Condition = Omit<HealthConditionEvent, 'at'> & { latency_ms: number | null };

/**
 * health_probe: checks the database (SELECT 1 with a timeout) and the cache (the cache layer's probe, when the
 * cache layer is present) and emits one HealthCondition event per component, healthy ones included, so
 * monitoring raises an alert on a problem and resolves it when the condition clears.
 */
@Injectable()
export class HealthProbeJob {
  constructor(
    private readonly db: DataSource,
    private readonly events: EventEmitter2,
    private readonly moduleRef: ModuleRef,
  ) {}

  definition(): JobDefinition {
    return { name: 'health_probe', run: () => this.run() };
  }

  async run(): Promise<JobResult> {
    const conditions = [await this.probeDatabase()];
    const cache = await this.probeCache();
    if (cache) conditions.push(cache);
    const at = new Date();
    for (const { latency_ms: _latency, ...condition } of conditions) {
      await this.events.emitAsync(DomainEvent.HealthCondition, { ...condition, at } satisfies HealthConditionEvent);
    }
    return {
      itemsProcessed: conditions.length,
      details: Object.fromEntries(
        conditions.map((c) => [c.component, { status: c.status, latency_ms: c.latency_ms, message: c.message }]),
      ),
    };
  }

  private async probeDatabase(): Promise<Condition> {
    const started = performance.now();
    try {
      await withTimeout(this.db.query('SELECT 1'), DATABASE_TIMEOUT_MS);
      const latency = Math.round(performance.now() - started);
      return latency > DATABASE_SLOW_MS
        ? { component: 'database', status: 'degraded', message: `SELECT 1 took ${latency} ms`, latency_ms: latency }
        : { component: 'database', status: 'healthy', message: 'database answers', latency_ms: latency };
    } catch (error) {
      return {
        component: 'database',
        status: 'unhealthy',
        message: `database unreachable: ${(error as Error).message}`,
        latency_ms: null,
      };
    }
  }

  /** Null when there is no cache layer to ask. */
  private async probeCache(): Promise<Condition | null> {
    let source: CacheStatusSource;
    try {
      source = this.moduleRef.get<CacheStatusSource>(CACHE_STATUS, { strict: false });
    } catch {
      return null;
    }
    try {
      const probe = await withTimeout(source.probe(), CACHE_TIMEOUT_MS);
      // The app keeps answering from L1 and the database without Redis: degraded, not unhealthy.
      return {
        component: 'cache',
        status: probe.reachable ? 'healthy' : 'degraded',
        message: probe.message,
        latency_ms: probe.latency_ms,
      };
    } catch (error) {
      return {
        component: 'cache',
        status: 'degraded',
        message: `cache probe failed: ${(error as Error).message}`,
        latency_ms: null,
      };
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
