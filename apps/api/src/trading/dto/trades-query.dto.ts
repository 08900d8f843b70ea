import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';

export class TradesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "only this member's trades", minimum: 1, maximum: 2_147_483_647 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'user_id must be a positive integer' })
  @Min(1, { message: 'user_id must be a positive integer' })
  @Max(2_147_483_647, { message: 'user_id must be a positive integer' })
  user_id?: number;
}
