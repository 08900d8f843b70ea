import type { RiskAssessment } from '@league/contracts';
import type { Column } from '../components/DataTable';

export const riskColumns: Array<Column<RiskAssessment>> = [
  { key: 'username', label: 'User', value: (r) => r.username },
  { key: 'score', label: 'Score', value: (r) => r.score, numeric: true },
  { key: 'recent_trades', label: 'Trades 24h', value: (r) => r.recent_trades, numeric: true },
  { key: 'trades_count', label: 'Trades 7d', value: (r) => r.trades_count, numeric: true },
  { key: 'max_trades_per_minute', label: 'Peak / min', value: (r) => r.max_trades_per_minute, numeric: true },
  { key: 'account_age_days', label: 'Account age (d)', value: (r) => r.account_age_days, numeric: true },
  { key: 'reason', label: 'Why', value: (r) => r.reason },
];
