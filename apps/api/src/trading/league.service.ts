import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import type { League, LeagueMembers, LeagueStatus, Page } from '@league/contracts';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CacheInvalidator } from '../cache/cache-invalidator.js';
import { DomainEvent, type LeagueChangedEvent } from '../events/domain-events.js';
import type { CreateLeagueDto } from './dto/create-league.dto.js';
import type { UpdateLeagueDto } from './dto/update-league.dto.js';
import { LEAGUE_COLUMNS, toLeague, type LeagueRow } from './league-row.js';
import { cents } from './money.js';

export const DEFAULT_STARTING_CASH = 100_000;

/**
 * Leagues and their membership. Writes commit, invalidate the cache (awaited, so the writer reads its write),
 * then emit LeagueChanged for other features.
 */
@Injectable()
export class LeagueService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    private readonly invalidator: CacheInvalidator,
  ) {}

  async list(status: LeagueStatus | undefined, page: number, pageSize: number): Promise<Page<League>> {
    const where = status ? `WHERE l.status = $3` : '';
    const rows: (LeagueRow & { total: string })[] = await this.db.query(
      `WITH total AS (SELECT count(*) AS total FROM leagues l ${where}),
            pg AS (SELECT ${LEAGUE_COLUMNS} FROM leagues l ${where} ORDER BY l.id DESC LIMIT $1 OFFSET $2)
       SELECT total.total, pg.* FROM total LEFT JOIN pg ON true ORDER BY pg.id DESC`,
      status ? [pageSize, (page - 1) * pageSize, status] : [pageSize, (page - 1) * pageSize],
    );
    return {
      items: rows.filter((r) => r.id !== null).map(toLeague),
      page,
      page_size: pageSize,
      total: Number(rows[0]?.total ?? 0),
    };
  }

  async get(id: number): Promise<League> {
    const rows: LeagueRow[] = await this.db.query(`SELECT ${LEAGUE_COLUMNS} FROM leagues l WHERE l.id = $1`, [id]);
    if (!rows[0]) throw new NotFoundException(`League ${id} not found`);
    return toLeague(rows[0]);
  }

  async members(id: number): Promise<LeagueMembers> {
    const rows: { exists: boolean; user_id: number | null; username: string; cash: string; joined_at: Date }[] =
      await this.db.query(
        `SELECT true AS exists, m.user_id, u.username, m.cash, m.joined_at
         FROM leagues l LEFT JOIN league_members m ON m.league_id = l.id LEFT JOIN users u ON u.id = m.user_id
         WHERE l.id = $1 ORDER BY m.joined_at, m.user_id`,
        [id],
      );
    if (!rows[0]) throw new NotFoundException(`League ${id} not found`);
    return {
      league_id: id,
      members: rows
        .filter((r) => r.user_id !== null)
        .map((r) => ({
          user_id: r.user_id!,
          username: r.username,
          cash: cents(r.cash),
          joined_at: r.joined_at.toISOString(),
        })),
    };
  }

  /** Creates a league; its creator is its owner and first member. */
  async create(user: AuthUser, body: CreateLeagueDto): Promise<League> {
    const id = await this.db.transaction(async (m) => {
      const [row]: { id: number }[] = await m.query(
        `INSERT INTO leagues (name, description, owner_id, starting_cash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [body.name.trim(), body.description?.trim() ?? '', user.id, body.starting_cash ?? DEFAULT_STARTING_CASH],
      );
      await this.addMember(m, row.id, user.id);
      await this.activity(m, row.id, user.id, 'league_created', { name: body.name.trim() });
      return row.id;
    });
    await this.changed({ leagueId: id, change: 'created' });
    return this.get(id);
  }

  async update(user: AuthUser, id: number, body: UpdateLeagueDto): Promise<League> {
    await this.db.transaction(async (m) => {
      await this.lockForOwner(m, user, id, 'update');
      await m.query(
        `UPDATE leagues SET name = coalesce($2, name), description = coalesce($3, description), updated_at = now()
         WHERE id = $1`,
        [id, body.name?.trim() ?? null, body.description?.trim() ?? null],
      );
      await this.audit.record(
        { actorId: user.id, action: 'league.update', target: `league:${id}`, details: { ...body } },
        m,
      );
      await this.activity(m, id, user.id, 'league_updated', { ...body });
    });
    await this.changed({ leagueId: id, change: 'updated' });
    return this.get(id);
  }

  async archive(user: AuthUser, id: number): Promise<League> {
    return this.setStatus(user, id, 'archived');
  }

  async restore(user: AuthUser, id: number): Promise<League> {
    return this.setStatus(user, id, 'active');
  }

  async join(user: AuthUser, id: number): Promise<League> {
    await this.db.transaction(async (m) => {
      const rows: { status: LeagueStatus }[] = await m.query(`SELECT status FROM leagues WHERE id = $1 FOR SHARE`, [
        id,
      ]);
      if (!rows[0]) throw new NotFoundException(`League ${id} not found`);
      if (rows[0].status === 'archived') throw new ConflictException('This league is archived and cannot be joined');
      if (!(await this.addMember(m, id, user.id)))
        throw new ConflictException('You are already a member of this league');
      await this.activity(m, id, user.id, 'member_joined', { username: user.username });
    });
    await this.changed({ leagueId: id, change: 'member_joined', userId: user.id });
    return this.get(id);
  }

  private async setStatus(user: AuthUser, id: number, status: LeagueStatus): Promise<League> {
    const verb = status === 'archived' ? 'archive' : 'restore';
    await this.db.transaction(async (m) => {
      const current = await this.lockForOwner(m, user, id, verb, false);
      if (current === status) {
        throw new ConflictException(status === 'archived' ? 'League is already archived' : 'League is not archived');
      }
      await m.query(
        `UPDATE leagues SET status = $2, archived_at = CASE WHEN $2 = 'archived' THEN now() END, updated_at = now()
         WHERE id = $1`,
        [id, status],
      );
      await this.audit.record({ actorId: user.id, action: `league.${verb}`, target: `league:${id}` }, m);
      await this.activity(m, id, user.id, status === 'archived' ? 'league_archived' : 'league_restored', {});
    });
    await this.changed({ leagueId: id, change: status === 'archived' ? 'archived' : 'restored' });
    return this.get(id);
  }

  /** Locks the league row; only its owner or an admin may change it. Returns its status. */
  private async lockForOwner(
    m: EntityManager,
    user: AuthUser,
    id: number,
    verb: string,
    rejectArchived = true,
  ): Promise<LeagueStatus> {
    const rows: { owner_id: number; status: LeagueStatus }[] = await m.query(
      `SELECT owner_id, status FROM leagues WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!rows[0]) throw new NotFoundException(`League ${id} not found`);
    if (rows[0].owner_id !== user.id && user.role !== 'admin') {
      throw new ForbiddenException(`Only the league's owner or an admin may ${verb} it`);
    }
    if (rejectArchived && rows[0].status === 'archived') {
      throw new ConflictException('This league is archived; restore it first');
    }
    return rows[0].status;
  }

  /** Adds a member with the league's starting cash; false if already one. */
  private async addMember(m: EntityManager, leagueId: number, userId: number): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO league_members (league_id, user_id, cash)
       SELECT id, $2, starting_cash FROM leagues WHERE id = $1
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [leagueId, userId],
    );
    return rows.length > 0;
  }

  private async activity(m: EntityManager, leagueId: number, userId: number, type: string, payload: object) {
    await m.query(`INSERT INTO activities (league_id, user_id, type, payload) VALUES ($1, $2, $3, $4)`, [
      leagueId,
      userId,
      type,
      JSON.stringify(payload),
    ]);
  }

  private async changed(event: LeagueChangedEvent): Promise<void> {
    await this.invalidator.invalidateLeague(event.leagueId);
    // The joiner's stats count leagues and their portfolio in it now exists.
    if (event.userId !== undefined) await this.invalidator.invalidateUser(event.userId);
    // Names and statuses show in search results; membership does not.
    if (event.change !== 'member_joined') await this.invalidator.invalidateSearch();
    await this.events.emitAsync(DomainEvent.LeagueChanged, event);
  }
}
