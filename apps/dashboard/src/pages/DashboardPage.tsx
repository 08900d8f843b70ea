import type { UserView } from '@league/contracts';
import { useLogout } from '../api/auth';
import { ActiveUsersCard } from '../widgets/ActiveUsersCard';
import { AlertsCard } from '../widgets/AlertsCard';
import { CacheCard } from '../widgets/CacheCard';
import { EngagementCard } from '../widgets/EngagementCard';
import { HealthCard } from '../widgets/HealthCard';
import { JobsCard } from '../widgets/JobsCard';
import { LeagueActivityCard } from '../widgets/LeagueActivityCard';
import { PerformanceCard } from '../widgets/PerformanceCard';
import { RealtimeCard } from '../widgets/RealtimeCard';
import { RiskCard } from '../widgets/RiskCard';
import { SystemOverviewCard } from '../widgets/SystemOverviewCard';
import { TradingActivityCard } from '../widgets/TradingActivityCard';

export function DashboardPage({ user }: { user: UserView }) {
  const logout = useLogout();
  return (
    <>
      <header className="top">
        <h1>Trading League · Monitoring</h1>
        <span>
          {user.username}{' '}
          <button onClick={() => logout.mutate()} disabled={logout.isPending}>
            Log out
          </button>
        </span>
      </header>
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
      </div>
    </>
  );
}
