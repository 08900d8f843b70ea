import { useEngagement } from '../api/monitoring';
import { SeriesChart } from '../charts/SeriesChart';
import { Card } from '../components/Card';

export function EngagementCard() {
  return (
    <Card title="Engagement" to="engagement" query={useEngagement(30)}>
      {(e) => <SeriesChart compact data={e.daily_active_users} x="date" y="active" label="daily active users" />}
    </Card>
  );
}
