import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class OptionsQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-16',
    description: "YYYY-MM-DD, one of the chain's expirations; default the nearest",
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expiration must be a date as YYYY-MM-DD' })
  expiration?: string;
}
