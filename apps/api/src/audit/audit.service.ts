import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface AuditEntry {
  actorId: number | null;
  /** What was done, as `area.verb`: `alert.resolve`, `cache.clear`, `cache.warm`, `league.archive`, ... */
  action: string;
  /** What it was done to: `alert:12`, `league:5`, `cache:leaderboard:*`. */
  target?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to audit_logs: who did what to what, and when. Pass the transaction's manager to log inside it. */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(`INSERT INTO audit_logs (actor_id, action, target, details) VALUES ($1, $2, $3, $4)`, [
      entry.actorId,
      entry.action,
      entry.target ?? null,
      JSON.stringify(entry.details ?? {}),
    ]);
  }
}
