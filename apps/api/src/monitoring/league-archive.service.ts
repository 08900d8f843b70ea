import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import type { ArchivedLeague, Page } from '@league/contracts';
import { AuditService } from '../audit/audit.service.js';
import { CacheInvalidator } from '../cache/cache-invalidator.js';
import { DomainEvent, type LeagueChangedEvent } from '../events/domain-events.js';
import { iso } from './alert-row.js';

/**
 * Archive management (/admin/archives): lists archived leagues, archives and restores them. Each change is one
 * transaction with its audit entry; afterwards the cache drops the league (awaited, before the answer) and
 * DomainEvent.LeagueChanged tells other features.
 */
@Injectable()
export class LeagueArchive {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    private readonly invalidator: CacheInvalidator,
  ) {}

  async listArchived(page: number, pageSize: number): Promise<Page<ArchivedLeague>> {
    const [rows, [count]] = await Promise.all([
      this.db.query(
        `SELECT l.id, l.name, l.owner_id, l.status, l.created_at, l.archived_at,
                (SELECT count(*) FROM league_members m WHERE m.league_id = l.id) AS member_count
           FROM leagues l WHERE l.status = 'archived'
          ORDER BY l.archived_at DESC NULLS LAST, l.id DESC LIMIT $1 OFFSET $2`,
        [pageSize, (page - 1) * pageSize],
      ),
      this.db.query(`SELECT count(*) AS n FROM leagues WHERE status = 'archived'`),
    ]);
    return { items: rows.map(toArchivedLeague), page, page_size: pageSize, total: Number(count.n) };
  }

  archive(leagueId: number, actorId: number): Promise<ArchivedLeague> {
    return this.change(leagueId, actorId, 'archived');
  }

  restore(leagueId: number, actorId: number): Promise<ArchivedLeague> {
    return this.change(leagueId, actorId, 'active');
  }

  private async change(leagueId: number, actorId: number, status: 'active' | 'archived'): Promise<ArchivedLeague> {
    const league = await this.db.transaction(async (m) => {
      const [current] = await m.query(`SELECT status FROM leagues WHERE id = $1 FOR UPDATE`, [leagueId]);
      if (!current) throw new NotFoundException(`League ${leagueId} not found`);
      if (current.status === status) {
        throw new ConflictException(`League ${leagueId} is already ${status === 'archived' ? 'archived' : 'active'}`);
      }
      const [row] = await m.query(
        `WITH u AS (
           UPDATE leagues SET status = $2, archived_at = CASE WHEN $2 = 'archived' THEN now() END, updated_at = now()
            WHERE id = $1 RETURNING *)
         SELECT u.*, (SELECT count(*) FROM league_members m WHERE m.league_id = u.id) AS member_count FROM u`,
        [leagueId, status],
      );
      await this.audit.record(
        {
          actorId,
          action: status === 'archived' ? 'league.archive' : 'league.restore',
          target: `league:${leagueId}`,
          details: { name: row.name },
        },
        m,
      );
      return toArchivedLeague(row);
    });
    // After the commit (a read refilling the cache meanwhile would keep the old status), before the answer.
    await this.invalidator.invalidateLeague(leagueId);
    await this.invalidator.invalidateSearch();
    this.events.emit(DomainEvent.LeagueChanged, {
      leagueId,
      change: status === 'archived' ? 'archived' : 'restored',
    } satisfies LeagueChangedEvent);
    return league;
  }
}

function toArchivedLeague(r: Record<string, unknown>): ArchivedLeague {
  return {
    id: Number(r.id),
    name: String(r.name),
    owner_id: Number(r.owner_id),
    status: r.status as 'active' | 'archived',
    member_count: Number(r.member_count),
    created_at: iso(r.created_at as Date),
    archived_at: r.archived_at ? iso(r.archived_at as Date) : null,
  };
}
