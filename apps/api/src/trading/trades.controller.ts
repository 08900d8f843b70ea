import { BadRequestException, Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Page, Trade, TradeResult } from '@league/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { TradeDto } from './dto/trade.dto.js';
import { TradesQueryDto } from './dto/trades-query.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { MembersOnly } from './league-member.guard.js';
import { TradeService } from './trade.service.js';

/** Visible ASCII, as HTTP header values allow; a UUID is the usual choice. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@ApiTags('trading')
@ApiBearerAuth()
@Controller('api/leagues/:id/trades')
export class TradesController {
  constructor(private readonly trades: TradeService) {}

  /**
   * Members only: 403 otherwise; 409 in an archived league; 422 without the cash or holdings, or over the limits.
   * With `Idempotency-Key`, a retry answers the first attempt's result (header `Idempotent-Replayed: true`).
   */
  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: `a retry with the same key answers the first result and never trades twice (kept 24 h by default); the same key with a different order: 422`,
  })
  async execute(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParamPipe('league id')) id: number,
    @Body() body: TradeDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TradeResult> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const placed = await this.trades.place(user, id, body, { idempotencyKey });
    if (placed.replayed) void reply.header('Idempotent-Replayed', 'true');
    return placed.result;
  }

  /** Members of the league and admins only. */
  @Get()
  @MembersOnly()
  list(@Param('id', new IdParamPipe('league id')) id: number, @Query() query: TradesQueryDto): Promise<Page<Trade>> {
    return this.trades.list(id, query.user_id, query.page, query.page_size);
  }
}
