import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Activity, Page } from '@league/contracts';

export const ACTIVITY_PAGE_SIZE = 50;

/** A league's activity feed, newest first. */
@Injectable()
export class ActivityService {
  constructor(private readonly db: DataSource) {}

  async page(leagueId: number, page: number, pageSize = ACTIVITY_PAGE_SIZE): Promise<Page<Activity>> {
    const rows: {
      total: string;
      id: string | null;
      user_id: number | null;
      username: string | null;
      type: string;
      payload: Record<string, unknown>;
      created_at: Date;
    }[] = await this.db.query(
      `WITH total AS (SELECT count(*) AS total FROM activities WHERE league_id = $1),
            pg AS (SELECT a.id, a.user_id, u.username, a.type, a.payload, a.created_at
                   FROM activities a LEFT JOIN users u ON u.id = a.user_id WHERE a.league_id = $1
                   ORDER BY a.created_at DESC, a.id DESC LIMIT $2 OFFSET $3)
       SELECT total.total, pg.* FROM leagues l CROSS JOIN total LEFT JOIN pg ON true
       WHERE l.id = $1 ORDER BY pg.created_at DESC, pg.id DESC`,
      [leagueId, pageSize, (page - 1) * pageSize],
    );
    if (!rows[0]) throw new NotFoundException(`League ${leagueId} not found`);
    return {
      items: rows
        .filter((r) => r.id !== null)
        .map((r) => ({
          id: Number(r.id),
          league_id: leagueId,
          user_id: r.user_id,
          username: r.username,
          type: r.type,
          payload: r.payload,
          created_at: r.created_at.toISOString(),
        })),
      page,
      page_size: pageSize,
      total: Number(rows[0].total),
    };
  }
}
