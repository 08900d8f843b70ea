import type { TradingActivity } from '@league/contracts';
import { useTradingActivity } from '../api/monitoring';
import { SeriesChart } from '../charts/SeriesChart';
import { Card, formatMoney, formatNumber, Stat } from '../components/Card';
import { formatCompactMoney } from '../components/format';
import { useClientTable } from '../components/client-table';
import { DataTable, type Column } from '../components/DataTable';
import { RangePicker } from '../components/RangePicker';
import { useUrlState } from '../settings/url-state';
import { Page } from './Page';

type SymbolRow = TradingActivity['top_symbols'][number];

const columns: Array<Column<SymbolRow>> = [
  { key: 'symbol', label: 'Symbol', value: (s) => s.symbol },
  { key: 'count', label: 'Trades', value: (s) => s.count, render: (s) => formatNumber(s.count), numeric: true },
  { key: 'avg_qty', label: 'Avg qty', value: (s) => s.avg_qty, numeric: true },
  { key: 'volume', label: 'Volume', value: (s) => s.volume, render: (s) => formatMoney(s.volume), numeric: true },
];

function SymbolsTable({ rows, hours }: { rows: SymbolRow[]; hours: number }) {
  const table = useClientTable(rows, columns, { prefix: 'symbols.', sort: { key: 'count', order: 'desc' } });
  return (
    <DataTable
      caption="Top symbols"
      columns={columns}
      rowKey={(s) => s.symbol}
      exportName={`top-symbols-${hours}h`}
      exportRows={async () => rows}
      empty="No trades in this range."
      {...table}
    />
  );
}

export default function TradingActivityPage() {
  const [state, setState] = useUrlState({ hours: '24' });
  const hours = Number(state.hours) || 24;
  const range = <RangePicker value={String(hours)} onChange={(v) => setState({ hours: v })} />;
  return (
    <Page title="Trading activity">
      <Card title="Trades" query={useTradingActivity(hours)} wide actions={range}>
        {(t) => (
          <>
            <div className="stats">
              <Stat label="trades" value={formatNumber(t.total_trades)} />
              <Stat label="buy" value={formatNumber(t.by_type.buy)} />
              <Stat label="sell" value={formatNumber(t.by_type.sell)} />
              <Stat label="shares" value={formatNumber(t.shares_traded)} />
              <Stat label="volume" value={formatMoney(t.volume)} />
            </div>
            <div className="charts">
              <SeriesChart
                data={t.hourly}
                x="hour"
                y="volume"
                label="volume per hour"
                formatValue={formatCompactMoney}
              />
              <SeriesChart data={t.hourly} x="hour" y="trades" label="trades per hour" />
            </div>
            <SymbolsTable rows={t.top_symbols} hours={hours} />
          </>
        )}
      </Card>
    </Page>
  );
}
