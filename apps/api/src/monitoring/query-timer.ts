import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { QueryTimings } from '@league/contracts';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

/** Distinct normalized statements kept; later new ones are counted under one "(other)" entry. */
const MAX_STATEMENTS = 500;
const MAX_STATEMENT_LENGTH = 300;

interface StatementStats {
  calls: number;
  totalMs: number;
  maxMs: number;
}

/**
 * Times every query this instance runs through TypeORM (pg_stat_statements is not always loaded), grouped by
 * normalized statement: literals and parameters replaced, whitespace collapsed. A TypeORM subscriber's
 * afterQuery hook, so no query path changes.
 */
@Injectable()
export class QueryTimer implements OnModuleInit, EntitySubscriberInterface {
  private readonly statements = new Map<string, StatementStats>();
  private count = 0;
  private totalMs = 0;

  constructor(
    private readonly db: DataSource,
    private readonly prometheus: PrometheusMetrics,
  ) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  afterQuery(event: AfterQueryEvent): void {
    const ms = event.executionTime;
    if (ms === undefined) return;
    this.count++;
    this.totalMs += ms;
    this.prometheus.dbDuration.observe(ms / 1000);
    let key = normalizeStatement(event.query);
    if (!this.statements.has(key) && this.statements.size >= MAX_STATEMENTS) key = '(other)';
    const stats = this.statements.get(key);
    if (stats) {
      stats.calls++;
      stats.totalMs += ms;
      if (ms > stats.maxMs) stats.maxMs = ms;
    } else {
      this.statements.set(key, { calls: 1, totalMs: ms, maxMs: ms });
    }
  }

  timings(limit = 10): QueryTimings {
    const slowest = [...this.statements.entries()]
      .map(([statement, s]) => ({
        statement,
        calls: s.calls,
        mean_ms: round(s.totalMs / s.calls),
        max_ms: round(s.maxMs),
      }))
      .sort((a, b) => b.mean_ms - a.mean_ms || b.max_ms - a.max_ms)
      .slice(0, limit);
    return { count: this.count, total_ms: round(this.totalMs), slowest };
  }
}

export function normalizeStatement(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_STATEMENT_LENGTH);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
