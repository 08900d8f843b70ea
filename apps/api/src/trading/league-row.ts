import type { League } from '@league/contracts';
import type { RowOf } from '../database/row-of.js';
import { cents } from './money.js';

export type LeagueRow = RowOf<
  League,
  'created_at' | 'updated_at' | 'archived_at',
  { starting_cash: string; member_count: string | number }
>;

/** Columns of a LeagueRow, for a query over `leagues l`. */
export const LEAGUE_COLUMNS = `l.id, l.name, l.description, l.owner_id,
  (SELECT username FROM users WHERE id = l.owner_id) AS owner_username, l.status, l.starting_cash,
  (SELECT count(*) FROM league_members WHERE league_id = l.id) AS member_count,
  l.created_at, l.updated_at, l.archived_at`;

export function toLeague(row: LeagueRow): League {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    owner_id: row.owner_id,
    owner_username: row.owner_username,
    status: row.status,
    starting_cash: cents(row.starting_cash),
    member_count: Number(row.member_count),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    archived_at: row.archived_at ? row.archived_at.toISOString() : null,
  };
}
