import { useState } from 'react';
import { useTradingActivity } from '../api/monitoring';
import { hourLabel, TimeSeriesChart } from '../charts/TimeSeriesChart';
import { Card, formatMoney, formatNumber, Stat } from './Card';

export function TradingActivityCard() {
  const [hours, setHours] = useState(24);
  const picker = (
    <select aria-label="hours" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
      {[1, 6, 24, 72, 168].map((h) => (
        <option key={h} value={h}>
          {h}h
        </option>
      ))}
    </select>
  );
  return (
    <Card title="Trading activity" query={useTradingActivity(hours)} wide actions={picker}>
      {(t) => (
        <>
          <Stat label="trades" value={formatNumber(t.total_trades)} />
          <Stat label="buy / sell" value={`${formatNumber(t.by_type.buy)} / ${formatNumber(t.by_type.sell)}`} />
          <Stat label="volume" value={formatMoney(t.volume)} />
          <TimeSeriesChart data={t.hourly} x="hour" y="trades" label="trades per hour" format={hourLabel} />
          <table>
            <thead>
              <tr>
                <th>Symbol</th>
                <th>Trades</th>
                <th>Avg qty</th>
                <th>Volume</th>
              </tr>
            </thead>
            <tbody>
              {t.top_symbols.slice(0, 5).map((s) => (
                <tr key={s.symbol}>
                  <td>{s.symbol}</td>
                  <td>{formatNumber(s.count)}</td>
                  <td>{s.avg_qty}</td>
                  <td>{formatMoney(s.volume)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
