import { ApiProperty } from '@nestjs/swagger';
import type { WarmCacheRequest } from '@league/contracts';
import { IsString, Matches } from 'class-validator';

export class WarmCacheDto implements WarmCacheRequest {
  @ApiProperty({ example: 'all', description: 'a registered warm target (leaderboards, popular_stocks, ... or all)' })
  @IsString({ message: 'target must be a string' })
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'target must be a warm target name such as all or leaderboards' })
  target: string;
}
