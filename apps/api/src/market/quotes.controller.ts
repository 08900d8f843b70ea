import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Quote } from '@league/contracts';
import { QuotesQueryDto } from './dto/quotes-query.dto.js';
import { QuoteService } from './quote.service.js';

@ApiTags('market')
@ApiBearerAuth()
@Controller('api/quotes')
export class QuotesController {
  constructor(private readonly quotes: QuoteService) {}

  @Get()
  list(@Query() query: QuotesQueryDto): Promise<Quote[]> {
    return this.quotes.many(query.symbols ?? []);
  }

  @Get(':symbol')
  get(@Param('symbol') symbol: string): Promise<Quote> {
    return this.quotes.get(symbol);
  }
}
