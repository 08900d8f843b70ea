import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OptionsChain } from '@league/contracts';
import { OptionsQueryDto } from './dto/options-query.dto.js';
import { OptionsService } from './options.service.js';

@ApiTags('market')
@ApiBearerAuth()
@Controller('api/options')
export class OptionsController {
  constructor(private readonly options: OptionsService) {}

  @Get(':symbol')
  chain(@Param('symbol') symbol: string, @Query() query: OptionsQueryDto): Promise<OptionsChain> {
    return this.options.chain(symbol, query.expiration);
  }
}
