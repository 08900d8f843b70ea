import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?page=` (1-based) alone, for lists with a fixed page size (leaderboard, activity): one page, one cache entry. */
export class PageNumberQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100_000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a positive integer' })
  @Min(1, { message: 'page must be a positive integer' })
  @Max(100_000, { message: 'page must be at most 100000' })
  page: number = 1;
}

/** `?page=` and `?page_size=` for every other paginated list. */
export class PageQueryDto extends PageNumberQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page_size must be an integer from 1 to 200' })
  @Min(1, { message: 'page_size must be an integer from 1 to 200' })
  @Max(200, { message: 'page_size must be an integer from 1 to 200' })
  page_size: number = 50;
}
