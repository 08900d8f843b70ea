import { useEngagement } from '../api/monitoring';
import { dayLabel, TimeSeriesChart } from '../charts/TimeSeriesChart';
import { Card } from './Card';

export function EngagementCard() {
  return (
    <Card title="Engagement" query={useEngagement()}>
      {(e) => (
        <>
          <TimeSeriesChart
            data={e.daily_active_users}
            x="date"
            y="active"
            label="daily active users"
            format={dayLabel}
          />
          <TimeSeriesChart
            data={e.league_creation_trend}
            x="date"
            y="leagues"
            label="leagues created"
            format={dayLabel}
          />
        </>
      )}
    </Card>
  );
}
