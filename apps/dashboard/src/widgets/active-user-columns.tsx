import type { ActiveUser } from '@league/contracts';
import type { Column } from '../components/DataTable';
import { LocalTime } from '../components/LocalTime';

export const activeUserColumns: Array<Column<ActiveUser>> = [
  { key: 'username', label: 'User', value: (u) => u.username },
  {
    key: 'last_login',
    label: 'Last login',
    value: (u) => u.last_login,
    render: (u) => <LocalTime iso={u.last_login} time />,
  },
  { key: 'league_count', label: 'Leagues', value: (u) => u.league_count, numeric: true },
  { key: 'trades_today', label: 'Trades today', value: (u) => u.trades_today, numeric: true },
];
