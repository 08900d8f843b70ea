import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, Trade, TradeResult } from '@league/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { TradeDto } from './dto/trade.dto.js';
import { TradesQueryDto } from './dto/trades-query.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { TradeService } from './trade.service.js';

@ApiTags('trading')
@ApiBearerAuth()
@Controller('api/leagues/:id/trades')
export class TradesController {
  constructor(private readonly trades: TradeService) {}

  /** Members only: 403 otherwise; 409 in an archived league; 422 without the cash or holdings. */
  @Post()
  execute(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParamPipe('league id')) id: number,
    @Body() body: TradeDto,
  ): Promise<TradeResult> {
    return this.trades.execute(user, id, body);
  }

  @Get()
  list(@Param('id', new IdParamPipe('league id')) id: number, @Query() query: TradesQueryDto): Promise<Page<Trade>> {
    return this.trades.list(id, query.user_id, query.page, query.page_size);
  }
}
