import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { SearchCategory } from '@league/contracts';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';

/** Shortest query searched: shorter ones would match nearly everything and defeat the trigram indexes. */
export const SEARCH_MIN_LENGTH = 2;

export class SearchQueryDto extends PageQueryDto {
  @ApiProperty({ minLength: SEARCH_MIN_LENGTH, maxLength: 100, example: 'app' })
  // Trimmed first, so "  a " is too short rather than a match-everything search.
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'q is required' })
  @Length(SEARCH_MIN_LENGTH, 100, { message: `q must be ${SEARCH_MIN_LENGTH} to 100 characters` })
  q: string;

  @ApiPropertyOptional({ enum: ['users', 'leagues', 'symbols'], description: 'absent: all three' })
  @IsOptional()
  @IsIn(['users', 'leagues', 'symbols'], { message: 'category must be users, leagues or symbols' })
  category?: SearchCategory;
}
