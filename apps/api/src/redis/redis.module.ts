import { Global, Module } from '@nestjs/common';
import { APP_CONFIG as APP_CONFIG_TOKEN } from '../config/config.token.js';
import { RedisConnection } from './redis-connection.js';

/** The shared Redis connection, connected (or found unreachable) before any other provider starts. */
@Global()
@Module({
  providers: [
    {
      provide: RedisConnection,
      useFactory: async (...args: ConstructorParameters<typeof RedisConnection>) => {
        const connection = new RedisConnection(...args);
        await connection.connect();
        return connection;
      },
      inject: [APP_CONFIG_TOKEN],
    },
  ],
  exports: [RedisConnection],
})
export class RedisModule {}
