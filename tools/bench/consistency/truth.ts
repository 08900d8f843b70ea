import pg from 'pg';

/** What PostgreSQL holds right now: the truth every answer is compared with. */
export class Truth {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  }

  /** A member's cash in cents and open stock positions (instrument -> quantity). */
  async holdings(userId: number, leagueId: number): Promise<{ cashCents: number; positions: Map<string, number> }> {
    const { rows } = await this.pool.query(
      `SELECT m.cash::text AS cash, p.instrument, p.quantity
         FROM league_members m
         LEFT JOIN positions p ON p.league_id = m.league_id AND p.user_id = m.user_id AND p.quantity > 0
        WHERE m.league_id = $1 AND m.user_id = $2`,
      [leagueId, userId],
    );
    const positions = new Map<string, number>();
    for (const row of rows) if (row.instrument) positions.set(row.instrument, row.quantity);
    return { cashCents: toCents(rows[0]?.cash ?? '0'), positions };
  }

  async tradeCount(userId: number, leagueId: number): Promise<number> {
    const { rows } = await this.pool.query(
      `SELECT count(*)::int AS n FROM trades WHERE league_id = $1 AND user_id = $2`,
      [leagueId, userId],
    );
    return rows[0].n;
  }

  async liveSessions(userId: number): Promise<number> {
    const { rows } = await this.pool.query(
      `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [userId],
    );
    return rows[0].n;
  }

  async memberCount(leagueId: number): Promise<number> {
    const { rows } = await this.pool.query(`SELECT count(*)::int AS n FROM league_members WHERE league_id = $1`, [
      leagueId,
    ]);
    return rows[0].n;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Money on the wire and in numeric columns, compared exactly in whole cents. */
export function toCents(value: number | string): number {
  return Math.round(Number(value) * 100);
}
