import { useTradingActivity } from '../api/monitoring';
import { SeriesChart } from '../charts/SeriesChart';
import { Card, formatMoney, formatNumber, Stat } from '../components/Card';
import { formatCompactMoney } from '../components/format';
import { RangePicker } from '../components/RangePicker';
import { useUrlState } from '../settings/url-state';

/** Trade count and volume over a chosen range, buy/sell split. */
export function TradingActivityCard() {
  const [state, setState] = useUrlState({ hours: '24' }, 'trading.');
  const hours = Number(state.hours) || 24;
  return (
    <Card
      title="Trading activity"
      to={`trading-activity?hours=${hours}`}
      query={useTradingActivity(hours)}
      wide
      actions={<RangePicker value={String(hours)} onChange={(v) => setState({ hours: v })} />}
    >
      {(t) => (
        <>
          <div className="stats">
            <Stat label="trades" value={formatNumber(t.total_trades)} />
            <Stat label="buy / sell" value={`${formatNumber(t.by_type.buy)} / ${formatNumber(t.by_type.sell)}`} />
            <Stat label="shares" value={formatNumber(t.shares_traded)} />
            <Stat label="volume" value={formatMoney(t.volume)} />
          </div>
          <div className="charts">
            <SeriesChart
              compact
              data={t.hourly}
              x="hour"
              y="volume"
              label="volume per hour"
              formatValue={formatCompactMoney}
            />
            <SeriesChart compact data={t.hourly} x="hour" y="trades" label="trades per hour" />
          </div>
        </>
      )}
    </Card>
  );
}
