import { Body, Controller, Get, HttpCode, Inject, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { CacheClearResponse, CacheStatusView } from '@league/contracts';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { ServerTimingInterceptor } from '../monitoring/server-timing.interceptor.js';
import { CacheService } from './cache.service.js';
import { CacheTtl } from './cache-ttl.js';

export class CacheClearDto {
  @ApiPropertyOptional({ example: 'leaderboard:*', description: 'glob over keys of this namespace; omit to clear all' })
  @IsOptional()
  @IsString({ message: 'pattern must be a string' })
  @MaxLength(200, { message: 'pattern must be at most 200 characters' })
  @Matches(/^[A-Za-z0-9_.:@=&%,+\-/*?]+$/, {
    message: 'pattern may contain letters, digits, "_.:@=&%,+-/" and the wildcards "*" and "?"',
  })
  pattern?: string;
}

/** The cache card of the admin dashboard: read its state, clear it (audit-logged). Admin only (under /admin). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/monitoring/cache')
export class CacheAdminController {
  constructor(
    private readonly cache: CacheService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('json')
  @UseInterceptors(ServerTimingInterceptor)
  async status(): Promise<CacheStatusView> {
    const [stats, probe, keys] = await Promise.all([this.cache.getStats(), this.cache.probe(), this.cache.keyCounts()]);
    const ttl_seconds: Record<string, number> = {};
    for (const type of Object.keys(CacheTtl)) ttl_seconds[type] = Math.round(this.cache.ttlOfType(type) / 1000);
    return {
      stats,
      backend: this.cache.backend,
      prefix: this.config.cache.prefix,
      redis: {
        enabled: this.config.redisEnabled,
        connected: this.cache.redisReady,
        reachable: probe.backend === 'redis' && probe.reachable,
        latency_ms: probe.latency_ms,
        message: probe.message,
      },
      breaker_state: probe.breaker_state,
      l1: {
        ...this.cache.l1Size,
        max_entries: this.config.cache.l1MaxEntries,
        max_bytes: this.config.cache.l1MaxBytes,
      },
      keys: {
        by_type: keys.counts,
        total: Object.values(keys.counts).reduce((a, b) => a + b, 0),
        truncated: keys.truncated,
        source: keys.source,
      },
      ttl_seconds,
    };
  }

  @Post('clear')
  @HttpCode(200)
  async clear(@Body() body: CacheClearDto, @CurrentUser() user: AuthUser): Promise<CacheClearResponse> {
    const pattern = body.pattern ?? null;
    const removed = pattern === null ? await this.cache.clear() : await this.cache.deletePattern(pattern);
    await this.audit.record({
      actorId: user.id,
      action: 'cache.clear',
      target: `cache:${pattern ?? '*'}`,
      details: { pattern, removed },
    });
    return { cleared: true, pattern, removed };
  }
}
