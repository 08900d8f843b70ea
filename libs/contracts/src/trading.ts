/** Trading domain wire types. Money is a number rounded to cents; percentages to 2 decimals. */
import type { OptionType } from './market.js';

export type LeagueStatus = 'active' | 'archived';
export type TradeSide = 'buy' | 'sell';
export type AssetType = 'stock' | 'option';

export interface League {
  id: number;
  name: string;
  description: string;
  owner_id: number;
  owner_username: string;
  status: LeagueStatus;
  starting_cash: number;
  member_count: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface CreateLeagueRequest {
  name: string;
  description?: string;
  /** Default 100000. */
  starting_cash?: number;
}

export interface UpdateLeagueRequest {
  name?: string;
  description?: string;
}

export interface LeagueMember {
  user_id: number;
  username: string;
  cash: number;
  joined_at: string;
}

export interface LeagueMembers {
  league_id: number;
  members: LeagueMember[];
}

export interface OptionOrder {
  type: OptionType;
  strike: number;
  /** YYYY-MM-DD, one of the chain's expirations. */
  expiration: string;
}

export interface TradeRequest {
  symbol: string;
  side: TradeSide;
  /** Shares, or contracts of 100 shares for options. A positive integer. */
  quantity: number;
  option?: OptionOrder;
}

export interface Trade {
  id: number;
  league_id: number;
  user_id: number;
  username: string;
  symbol: string;
  instrument: string;
  side: TradeSide;
  asset_type: AssetType;
  option_type: OptionType | null;
  strike: number | null;
  expiration: string | null;
  quantity: number;
  /** Per share (options: per share of the contract). */
  price: number;
  /** quantity x price x multiplier. */
  amount: number;
  /** Sells only: (price - avg cost) x quantity x multiplier. */
  realized_pnl: number | null;
  executed_at: string;
}

/** What POST /api/leagues/:id/trades answers: the trade and the member's cash after it. */
export interface TradeResult {
  trade: Trade;
  cash: number;
}

export interface LeaderboardEntry {
  rank: number;
  user_id: number;
  username: string;
  portfolio_value: number;
  cash: number;
  return_pct: number;
}

export interface Leaderboard {
  league_id: number;
  page: number;
  page_size: number;
  total: number;
  items: LeaderboardEntry[];
}

export interface Position {
  instrument: string;
  symbol: string;
  asset_type: AssetType;
  option_type: OptionType | null;
  strike: number | null;
  expiration: string | null;
  quantity: number;
  avg_cost: number;
  /** Current price per share (options: Black-Scholes mid, or intrinsic value once expired). */
  price: number;
  market_value: number;
  cost_basis: number;
  unrealized_pnl: number;
  unrealized_pnl_pct: number;
}

export interface Portfolio {
  league_id: number;
  user_id: number;
  username: string;
  cash: number;
  positions: Position[];
  positions_value: number;
  total_value: number;
  starting_cash: number;
  unrealized_pnl: number;
  return_pct: number;
}

export interface Activity {
  id: number;
  league_id: number;
  user_id: number | null;
  username: string | null;
  type: string;
  payload: Record<string, unknown>;
  created_at: string;
}

export interface SymbolCount {
  symbol: string;
  trades: number;
  volume: number;
}

export interface LeagueStats {
  league_id: number;
  members: number;
  trades: number;
  volume: number;
  top_symbols: SymbolCount[];
  average_return_pct: number;
  last_trade_at: string | null;
}

export interface BestTrade {
  trade_id: number;
  league_id: number;
  symbol: string;
  instrument: string;
  realized_pnl: number;
  executed_at: string;
}

export interface UserStats {
  user_id: number;
  username: string;
  trades: number;
  /** Closing (sell) trades that made money, in percent of closing trades; null before the first sell. */
  win_rate_pct: number | null;
  best_trade: BestTrade | null;
  leagues: number;
  /** Over every league joined: (portfolio values - starting cash) / starting cash. */
  total_return_pct: number;
  total_value: number;
}

export type SearchCategory = 'users' | 'leagues' | 'symbols';

export interface SearchResult {
  category: SearchCategory;
  /** User or league id as a string, or the symbol. */
  id: string;
  title: string;
  subtitle: string;
}

export interface SearchResults {
  query: string;
  category: SearchCategory | 'all';
  page: number;
  page_size: number;
  total: number;
  items: SearchResult[];
}
