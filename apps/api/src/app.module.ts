import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CacheModule } from './cache/cache.module.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { MarketModule } from './market/market.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SchedulingModule } from './scheduling/scheduling.module.js';
import { WarmingModule } from './scheduling/warming/warming.module.js';
import { TradingModule } from './trading/trading.module.js';

@Module({})
export class AppModule {
  /** The whole application for one configuration (main.ts loads it; tests build their own). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        EventEmitterModule.forRoot({ wildcard: false }),
        DatabaseModule,
        RedisModule,
        CacheModule,
        ScheduleModule.forRoot(),
        AuditModule,
        AuthModule,
        HealthModule,
        MonitoringModule,
        SchedulingModule,
        WarmingModule,
        MarketModule,
        TradingModule,
      ],
    };
  }
}
