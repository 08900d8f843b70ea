/** Every paginated list: 1-based page, its size, and the total number of items. */
export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
}

/** Direction of a server-side sort (`?order=`). */
export type SortOrder = 'asc' | 'desc';

/** `?sort=` of the lists the monitoring API sorts on the server: the row fields each can be ordered by. */
export type ActiveUserSort = 'last_login' | 'username' | 'league_count' | 'trades_today';
export type LeagueActivitySort = 'trade_count' | 'volume' | 'member_count' | 'name' | 'created_at';
export type RiskSort =
  'score' | 'recent_trades' | 'max_trades_per_minute' | 'round_trips' | 'account_age_days' | 'username';
export type AlertSort = 'severity' | 'last_seen' | 'created_at' | 'occurrences';
export type JobRunSort = 'started_at' | 'duration_ms' | 'job' | 'outcome';
