import { Controller, Get, Injectable, Module, Param, ParseIntPipe, UseInterceptors } from '@nestjs/common';
import type { AuthUser } from '../../src/auth/auth-user.js';
import { CurrentUser } from '../../src/auth/current-user.decorator.js';
import { Public } from '../../src/auth/public.decorator.js';
import { Cached } from '../../src/cache/cached.decorator.js';
import { CacheKey } from '../../src/cache/cache-key.js';
import { CacheService } from '../../src/cache/cache.service.js';
import { CacheRoute, HttpCacheInterceptor } from '../../src/cache/http-cache.interceptor.js';

/** Counts how often the "database" is asked, so tests can see what the cache saved. */
@Injectable()
export class FakeRepository {
  calls = 0;

  @Cached({ key: (leagueId: number) => CacheKey.league(leagueId) })
  async league(leagueId: number): Promise<{ id: number; call: number }> {
    this.calls++;
    return { id: leagueId, call: this.calls };
  }
}

/** Test-only routes exercising the HTTP interceptor and CacheService the way trading routes will. */
@Controller('cache-test')
export class CacheTestController {
  constructor(
    private readonly repo: FakeRepository,
    private readonly cache: CacheService,
  ) {}

  @Public()
  @Get('quote/:symbol')
  @CacheRoute({ scope: 'public', type: 'quote' })
  quote(@Param('symbol') symbol: string) {
    this.repo.calls++;
    return { symbol, price: 100, call: this.repo.calls };
  }

  @Get('me/portfolio')
  @CacheRoute({ scope: 'user', type: 'portfolio' })
  portfolio(@CurrentUser() user: AuthUser) {
    this.repo.calls++;
    return { user_id: user.id, username: user.username };
  }

  @Get('leagues/:leagueId/leaderboard')
  @CacheRoute({ scope: 'league', type: 'leaderboard' })
  leaderboard(@Param('leagueId', ParseIntPipe) leagueId: number) {
    this.repo.calls++;
    return { league_id: leagueId, call: this.repo.calls };
  }

  @Get('unscoped')
  @UseInterceptors(HttpCacheInterceptor)
  unscoped() {
    this.repo.calls++;
    return { call: this.repo.calls };
  }

  @Public()
  @Get('leagues/:leagueId')
  league(@Param('leagueId', ParseIntPipe) leagueId: number) {
    return this.repo.league(leagueId);
  }

  @Public()
  @Get('direct/:id')
  direct(@Param('id', ParseIntPipe) id: number) {
    return this.cache.getOrFetch(CacheKey.leagueMembers(id), async () => {
      this.repo.calls++;
      return { id, members: [1, 2] };
    });
  }
}

@Module({ controllers: [CacheTestController], providers: [FakeRepository] })
export class CacheTestModule {}
