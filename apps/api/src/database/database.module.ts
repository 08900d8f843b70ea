import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { ENTITIES } from './entities.js';

/** The TypeORM connection pool. Migrations are not run here but by `migrate()` before the app starts. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.databaseUrl) throw new Error('DATABASE_URL must be resolved before the app module starts');
        return {
          type: 'postgres' as const,
          url: config.databaseUrl,
          entities: ENTITIES,
          synchronize: false,
          migrationsRun: false,
          logging: false,
          retryAttempts: 3,
          retryDelay: 1_000,
          extra: { max: config.databasePoolSize, connectionTimeoutMillis: config.databasePoolTimeoutMs },
        };
      },
    }),
  ],
})
export class DatabaseModule {}
