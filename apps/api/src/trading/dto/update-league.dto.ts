import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { UpdateLeagueRequest } from '@league/contracts';

export class UpdateLeagueDto implements UpdateLeagueRequest {
  @ApiPropertyOptional({ minLength: 3, maxLength: 80 })
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @Length(3, 80, { message: 'name must be 3 to 80 characters' })
  name?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @MaxLength(1000, { message: 'description must be at most 1000 characters' })
  description?: string;
}
