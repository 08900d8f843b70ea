import { useOverview } from '../api/monitoring';
import { Card, formatMoney, formatNumber, Stat } from '../components/Card';

export function SystemOverviewCard() {
  return (
    <Card title="System overview" query={useOverview()}>
      {(o) => (
        <div className="stats">
          <Stat label="users" value={formatNumber(o.users.total)} />
          <Stat label={`active 7 days (${o.users.active_percentage}%)`} value={formatNumber(o.users.active_7days)} />
          <Stat label="new 7 days" value={formatNumber(o.users.new_7days)} />
          <Stat label="active leagues" value={formatNumber(o.leagues.active)} />
          <Stat label="archived leagues" value={formatNumber(o.leagues.archived)} />
          <Stat label="trades 24h" value={formatNumber(o.trading.trades_24h)} />
          <Stat label="shares 24h" value={formatNumber(o.trading.shares_traded_24h)} />
          <Stat label="volume 24h" value={formatMoney(o.trading.volume_24h)} />
        </div>
      )}
    </Card>
  );
}
