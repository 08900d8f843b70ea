import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import type { JobOutcome, JobRunSort } from '@league/contracts';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import { SortQuery } from '../../common/dto/sort-query.dto.js';

const OUTCOMES: JobOutcome[] = ['running', 'ok', 'failed', 'skipped'];
export const JOB_RUN_SORTS: readonly JobRunSort[] = ['started_at', 'duration_ms', 'job', 'outcome'];

/** Filters and order of the run history: `?job=&outcome=&from=&to=&sort=&order=&page=&page_size=`. */
export class JobRunsQueryDto extends IntersectionType(PageQueryDto, SortQuery(JOB_RUN_SORTS, 'started_at')) {
  @ApiPropertyOptional({ example: 'retention' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'job must be a job name such as retention' })
  job?: string;

  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional()
  @IsIn(OUTCOMES, { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome?: JobOutcome;

  @ApiPropertyOptional({ description: 'runs started at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'runs started before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}
