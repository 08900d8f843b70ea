import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';

/** `?symbols=AAPL,MSFT` (at most 50); absent: every quote. */
export class QuotesQueryDto {
  @ApiPropertyOptional({ type: String, example: 'AAPL,MSFT', description: 'comma-separated, at most 50' })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value,
  )
  @IsArray({ message: 'symbols must be a comma-separated list of symbols' })
  @ArrayMaxSize(50, { message: 'symbols may list at most 50 symbols' })
  @Matches(/^[A-Za-z.]{1,10}$/, { each: true, message: 'symbols must be ticker symbols such as AAPL or BRK.B' })
  symbols?: string[];
}
