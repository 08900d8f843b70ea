import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { OptionOrder, TradeRequest, TradeSide } from '@league/contracts';

export class OptionOrderDto implements OptionOrder {
  @ApiProperty({ enum: ['call', 'put'] })
  @IsIn(['call', 'put'], { message: 'option.type must be call or put' })
  type: 'call' | 'put';

  @ApiProperty({ example: 150 })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'option.strike must be a price with at most 2 decimals' })
  @Min(0.01, { message: 'option.strike must be positive' })
  @Max(1_000_000, { message: 'option.strike must be at most 1000000' })
  strike: number;

  @ApiProperty({ example: '2026-01-16' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'option.expiration must be a date as YYYY-MM-DD' })
  expiration: string;
}

export class TradeDto implements TradeRequest {
  @ApiProperty({ example: 'AAPL' })
  @IsString({ message: 'symbol must be a string' })
  @Matches(/^[A-Za-z.]{1,10}$/, { message: 'symbol must be a ticker symbol such as AAPL or BRK.B' })
  symbol: string;

  @ApiProperty({ enum: ['buy', 'sell'] })
  @IsIn(['buy', 'sell'], { message: 'side must be buy or sell' })
  side: TradeSide;

  @ApiProperty({ example: 10, description: 'shares, or option contracts (100 shares each)' })
  @IsInt({ message: 'quantity must be a positive integer' })
  @Min(1, { message: 'quantity must be a positive integer' })
  // Only the column's range here; the configured limits (TRADE_MAX_ORDER_SIZE ...) answer 422.
  @Max(2_147_483_647, { message: 'quantity must be at most 2147483647' })
  quantity: number;

  @ApiPropertyOptional({ type: OptionOrderDto, description: 'present for an option order' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OptionOrderDto)
  option?: OptionOrderDto;
}
