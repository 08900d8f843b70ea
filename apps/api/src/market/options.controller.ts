import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OptionsChain } from '@league/contracts';
import { CacheKey } from '../cache/cache-key.js';
import { CacheRoute } from '../cache/http-cache.interceptor.js';
import { onlyQuery, stringParam } from '../cache/route-key.js';
import { OptionsQueryDto } from './dto/options-query.dto.js';
import { upcomingExpirations } from './option-contract.js';
import { OptionsService } from './options.service.js';

@ApiTags('market')
@ApiBearerAuth()
@Controller('api/options')
export class OptionsController {
  constructor(private readonly options: OptionsService) {}

  /** Without `expiration` the nearest one, keyed explicitly so both spellings share one entry. */
  @Get(':symbol')
  @CacheRoute({
    scope: 'public',
    type: 'options_chain',
    key: (r) => {
      const q = onlyQuery(r, ['expiration']);
      return CacheKey.optionsChain(stringParam(r, 'symbol'), q.expiration ?? upcomingExpirations(new Date())[0]);
    },
  })
  chain(@Param('symbol') symbol: string, @Query() query: OptionsQueryDto): Promise<OptionsChain> {
    return this.options.chain(symbol, query.expiration);
  }
}
