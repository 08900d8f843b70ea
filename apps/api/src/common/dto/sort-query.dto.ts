import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { SortOrder } from '@league/contracts';

const ORDERS: readonly SortOrder[] = ['asc', 'desc'];

/**
 * `?sort=` (one of `sorts`, default `fallback`) and `?order=` (asc or desc, default desc) of a list sorted on the
 * server: the whitelist is the only way a column name reaches its query.
 */
export function SortQuery<S extends string>(sorts: readonly S[], fallback: S) {
  class SortQueryDto {
    @ApiPropertyOptional({ enum: sorts, default: fallback })
    @IsOptional()
    @IsIn(sorts, { message: `sort must be one of ${sorts.join(', ')}` })
    sort: S = fallback;

    @ApiPropertyOptional({ enum: ORDERS, default: 'desc' })
    @IsOptional()
    @IsIn(ORDERS, { message: 'order must be asc or desc' })
    order: SortOrder = 'desc';
  }
  return SortQueryDto;
}
