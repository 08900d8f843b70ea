import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { LeagueStatus } from '@league/contracts';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';

export class LeagueListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'archived'] })
  @IsOptional()
  @IsIn(['active', 'archived'], { message: 'status must be active or archived' })
  status?: LeagueStatus;
}
