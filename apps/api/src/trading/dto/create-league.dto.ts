import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import type { CreateLeagueRequest } from '@league/contracts';

export class CreateLeagueDto implements CreateLeagueRequest {
  @ApiProperty({ example: 'Tech Portfolio', minLength: 3, maxLength: 80 })
  @IsString({ message: 'name must be a string' })
  @Length(3, 80, { message: 'name must be 3 to 80 characters' })
  name: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @MaxLength(1000, { message: 'description must be at most 1000 characters' })
  description?: string;

  @ApiPropertyOptional({ default: 100000, minimum: 1000, maximum: 100000000 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'starting_cash must be an amount with at most 2 decimals' })
  @Min(1000, { message: 'starting_cash must be at least 1000' })
  @Max(100_000_000, { message: 'starting_cash must be at most 100000000' })
  starting_cash?: number;
}
