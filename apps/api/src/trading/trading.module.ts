import { Module } from '@nestjs/common';
import { MarketModule } from '../market/market.module.js';
import { ActivityController } from './activity.controller.js';
import { ActivityService } from './activity.service.js';
import { CachedReads } from './cached-reads.js';
import { LeaderboardController } from './leaderboard.controller.js';
import { LeaderboardService } from './leaderboard.service.js';
import { LeagueService } from './league.service.js';
import { LeaguesController } from './leagues.controller.js';
import { OptionSettlement } from './option-settlement.service.js';
import { PortfolioController } from './portfolio.controller.js';
import { PortfolioService } from './portfolio.service.js';
import { PortfolioVersions } from './portfolio-versions.js';
import { SearchController } from './search.controller.js';
import { SearchService } from './search.service.js';
import { StatsController } from './stats.controller.js';
import { StatsService } from './stats.service.js';
import { TradeService } from './trade.service.js';
import { TradesController } from './trades.controller.js';

/** Leagues, trades, portfolios, leaderboards, activity, stats and search. Every read service is exported. */
/** Every trading service, provided here and exported (the cache warmers read through them). */
const SERVICES = [
  LeagueService,
  TradeService,
  LeaderboardService,
  PortfolioService,
  ActivityService,
  StatsService,
  SearchService,
  CachedReads,
  OptionSettlement,
  PortfolioVersions,
];

@Module({
  imports: [MarketModule],
  controllers: [
    LeaguesController,
    TradesController,
    LeaderboardController,
    PortfolioController,
    ActivityController,
    StatsController,
    SearchController,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class TradingModule {}
