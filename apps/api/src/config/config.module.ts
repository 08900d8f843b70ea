import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config.js';
import { APP_CONFIG } from './config.token.js';

/** Provides the AppConfig loaded once by main.ts (or built by a test) to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
