import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Portfolio } from '@league/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { IdParamPipe } from './id-param.pipe.js';
import { PortfolioService } from './portfolio.service.js';

@ApiTags('leagues')
@ApiBearerAuth()
@Controller('api/leagues/:id/portfolio')
export class PortfolioController {
  constructor(private readonly portfolios: PortfolioService) {}

  @Get()
  mine(@CurrentUser() user: AuthUser, @Param('id', new IdParamPipe('league id')) id: number): Promise<Portfolio> {
    return this.portfolios.get(user.id, id, new Date(), true);
  }

  @Get(':userId')
  of(
    @Param('id', new IdParamPipe('league id')) id: number,
    @Param('userId', new IdParamPipe('user id')) userId: number,
  ): Promise<Portfolio> {
    return this.portfolios.get(userId, id);
  }
}
