import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Quote } from '@league/contracts';
import { CacheKey } from '../cache/cache-key.js';
import { CacheRoute } from '../cache/http-cache.interceptor.js';
import { stringParam } from '../cache/route-key.js';
import { QuotesQueryDto } from './dto/quotes-query.dto.js';
import { QuoteService } from './quote.service.js';

@ApiTags('market')
@ApiBearerAuth()
@Controller('api/quotes')
export class QuotesController {
  constructor(private readonly quotes: QuoteService) {}

  /** Not cached as a list (any set of symbols); each `GET /api/quotes/:symbol` is. */
  @Get()
  list(@Query() query: QuotesQueryDto): Promise<Quote[]> {
    return this.quotes.many(query.symbols ?? []);
  }

  @Get(':symbol')
  @CacheRoute({
    scope: 'public',
    type: 'quote',
    key: (r) => CacheKey.stockQuote(stringParam(r, 'symbol')),
  })
  get(@Param('symbol') symbol: string): Promise<Quote> {
    return this.quotes.get(symbol);
  }
}
