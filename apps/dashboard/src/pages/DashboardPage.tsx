import { ActiveUsersCard } from '../widgets/ActiveUsersCard';
import { AlertsCard } from '../widgets/AlertsCard';
import { CacheCard } from '../widgets/CacheCard';
import { DatabaseCard } from '../widgets/DatabaseCard';
import { EngagementCard } from '../widgets/EngagementCard';
import { HealthCard } from '../widgets/HealthCard';
import { JobsCard } from '../widgets/JobsCard';
import { LeagueActivityCard } from '../widgets/LeagueActivityCard';
import { PerformanceCard } from '../widgets/PerformanceCard';
import { RealtimeCard } from '../widgets/RealtimeCard';
import { RiskCard } from '../widgets/RiskCard';
import { SystemOverviewCard } from '../widgets/SystemOverviewCard';
import { TradingActivityCard } from '../widgets/TradingActivityCard';

/** The overview: one card per concern, each linking to its page. */
export function DashboardPage() {
  return (
    <div className="grid">
      <SystemOverviewCard />
      <HealthCard />
      <RealtimeCard />
      <AlertsCard />
      <TradingActivityCard />
      <ActiveUsersCard />
      <LeagueActivityCard />
      <RiskCard />
      <EngagementCard />
      <PerformanceCard />
      <CacheCard />
      <JobsCard />
      <DatabaseCard />
    </div>
  );
}
