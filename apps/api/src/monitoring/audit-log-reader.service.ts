import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditLogEntry, Page } from '@league/contracts';
import { iso } from './alert-row.js';

export interface AuditLogQuery {
  page: number;
  page_size: number;
  actor_id?: number;
  /** Exact action, or a prefix when it ends with "." (`league.` = every league action). */
  action?: string;
  from?: Date;
  to?: Date;
}

/** Reads audit_logs for GET /admin/audit/logs: newest first, filtered by actor, action and time. */
@Injectable()
export class AuditLogReader {
  constructor(private readonly db: DataSource) {}

  async list(query: AuditLogQuery): Promise<Page<AuditLogEntry>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.actor_id) where.push(`a.actor_id = $${params.push(query.actor_id)}`);
    if (query.action?.endsWith('.')) where.push(`a.action LIKE $${params.push(`${query.action}%`)}`);
    else if (query.action) where.push(`a.action = $${params.push(query.action)}`);
    if (query.from) where.push(`a.created_at >= $${params.push(query.from)}`);
    if (query.to) where.push(`a.created_at < $${params.push(query.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const filterParams = [...params];
    const limit = params.push(query.page_size);
    const offset = params.push((query.page - 1) * query.page_size);
    const [rows, [count]] = await Promise.all([
      this.db.query(
        `SELECT a.id, a.actor_id, u.username AS actor_username, a.action, a.target, a.details, a.created_at
           FROM audit_logs a LEFT JOIN users u ON u.id = a.actor_id ${clause}
          ORDER BY a.created_at DESC, a.id DESC LIMIT $${limit} OFFSET $${offset}`,
        params,
      ),
      this.db.query(`SELECT count(*) AS n FROM audit_logs a ${clause}`, filterParams),
    ]);
    return {
      items: (rows as Array<Record<string, unknown>>).map((r) => ({
        id: Number(r.id),
        actor_id: r.actor_id === null ? null : Number(r.actor_id),
        actor_username: (r.actor_username as string | null) ?? null,
        action: String(r.action),
        target: (r.target as string | null) ?? null,
        details: (r.details as Record<string, unknown>) ?? {},
        created_at: iso(r.created_at as Date),
      })),
      page: query.page,
      page_size: query.page_size,
      total: Number(count.n),
    };
  }
}
