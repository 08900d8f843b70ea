import type { LeagueActivity } from '@league/contracts';
import type { Column } from '../components/DataTable';
import { formatMoney, formatNumber } from '../components/Card';

export const leagueColumns: Array<Column<LeagueActivity>> = [
  { key: 'name', label: 'League', value: (l) => l.name },
  { key: 'status', label: 'Status', value: (l) => l.status },
  { key: 'member_count', label: 'Members', value: (l) => l.member_count, numeric: true },
  {
    key: 'trade_count',
    label: 'Trades',
    value: (l) => l.trade_count,
    render: (l) => formatNumber(l.trade_count),
    numeric: true,
  },
  { key: 'volume', label: 'Volume', value: (l) => l.volume, render: (l) => formatMoney(l.volume), numeric: true },
];
