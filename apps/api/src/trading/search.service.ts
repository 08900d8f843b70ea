import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SearchCategory, SearchResults } from '@league/contracts';

/** One branch per category; each filters with ILIKE on a pg_trgm-indexed column. */
const BRANCHES: Record<SearchCategory, string> = {
  users: `SELECT 'users' AS category, id::text AS id, username AS title,
            'joined ' || to_char(created_at, 'YYYY-MM-DD') AS subtitle, similarity(username, $1) AS score
          FROM users WHERE username ILIKE $2`,
  leagues: `SELECT 'leagues' AS category, id::text AS id, name AS title, status || ' league' AS subtitle,
              similarity(name, $1) AS score
            FROM leagues WHERE name ILIKE $2`,
  symbols: `SELECT 'symbols' AS category, symbol AS id, symbol AS title, name AS subtitle,
              greatest(similarity(symbol, $1), similarity(name, $1)) AS score
            FROM quotes WHERE symbol ILIKE $2 OR name ILIKE $2`,
};

/** Case-insensitive substring search over users, leagues and symbols; best matches (prefix, similarity) first. */
@Injectable()
export class SearchService {
  constructor(private readonly db: DataSource) {}

  async search(q: string, category: SearchCategory | undefined, page: number, pageSize = 20): Promise<SearchResults> {
    const query = q.trim();
    // LIKE wildcards in the query are searched literally.
    const escaped = query.replace(/[\\%_]/g, (c) => `\\${c}`);
    const union = (category ? [BRANCHES[category]] : Object.values(BRANCHES)).join('\nUNION ALL\n');
    const rows: { total: string; category: SearchCategory; id: string; title: string; subtitle: string }[] =
      await this.db.query(
        `SELECT count(*) OVER () AS total, h.category, h.id, h.title, h.subtitle FROM (${union}) h
         ORDER BY (lower(h.title) LIKE lower($3)) DESC, h.score DESC, h.title, h.id LIMIT $4 OFFSET $5`,
        [query, `%${escaped}%`, `${escaped}%`, pageSize, (page - 1) * pageSize],
      );
    return {
      query,
      category: category ?? 'all',
      page,
      page_size: pageSize,
      total: rows.length ? Number(rows[0].total) : await this.count(union, query, escaped),
      items: rows.map(({ category: c, id, title, subtitle }) => ({ category: c, id, title, subtitle })),
    };
  }

  /** Only for a page past the end, where the window count has no row to ride on. */
  private async count(union: string, query: string, escaped: string): Promise<number> {
    const [row]: { n: string }[] = await this.db.query(`SELECT count(*) AS n FROM (${union}) h`, [
      query,
      `%${escaped}%`,
    ]);
    return Number(row.n);
  }
}
