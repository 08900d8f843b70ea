import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import type {
  ActiveUserSort,
  AlertSeverity,
  AlertSort,
  AlertType,
  LeagueActivitySort,
  RiskSort,
} from '@league/contracts';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import { SortQuery } from '../../common/dto/sort-query.dto.js';
import { ALERT_SEVERITIES, ALERT_TYPES } from '../alert-row.js';

export const ACTIVE_USER_SORTS: readonly ActiveUserSort[] = ['last_login', 'username', 'league_count', 'trades_today'];
export const LEAGUE_ACTIVITY_SORTS: readonly LeagueActivitySort[] = [
  'trade_count',
  'volume',
  'member_count',
  'name',
  'created_at',
];
export const RISK_SORTS: readonly RiskSort[] = [
  'score',
  'recent_trades',
  'max_trades_per_minute',
  'round_trips',
  'account_age_days',
  'username',
];
export const ALERT_SORTS: readonly AlertSort[] = ['severity', 'last_seen', 'created_at', 'occurrences'];

export class ActiveUsersQueryDto extends IntersectionType(PageQueryDto, SortQuery(ACTIVE_USER_SORTS, 'last_login')) {}

export class RiskQueryDto extends IntersectionType(PageQueryDto, SortQuery(RISK_SORTS, 'score')) {}

/** `?hours=` (1 to 720, default 24): the window of trading and league activity. */
export class HoursQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 720, default: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'hours must be an integer from 1 to 720' })
  @Min(1, { message: 'hours must be an integer from 1 to 720' })
  @Max(720, { message: 'hours must be an integer from 1 to 720' })
  hours: number = 24;
}

/** `?to=` ends the trading-activity window (ISO 8601; default now). */
export class TradingActivityQueryDto extends HoursQueryDto {
  @ApiPropertyOptional({ description: 'end of the window, ISO 8601 (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}

export class LeagueActivityQueryDto extends IntersectionType(
  IntersectionType(PageQueryDto, HoursQueryDto),
  SortQuery(LEAGUE_ACTIVITY_SORTS, 'trade_count'),
) {
  @ApiPropertyOptional({ enum: ['active', 'archived'] })
  @IsOptional()
  @IsIn(['active', 'archived'], { message: 'status must be active or archived' })
  status?: 'active' | 'archived';
}

export class EngagementQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be an integer from 1 to 365' })
  @Min(1, { message: 'days must be an integer from 1 to 365' })
  @Max(365, { message: 'days must be an integer from 1 to 365' })
  days: number = 30;
}

/** `?from=&to=` (ISO 8601) bounding a series or a list by time. */
export class TimeRangeQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}

export class PagedTimeRangeQueryDto extends IntersectionType(PageQueryDto, TimeRangeQueryDto) {}

export class AlertsQueryDto extends IntersectionType(PagedTimeRangeQueryDto, SortQuery(ALERT_SORTS, 'severity')) {
  @ApiPropertyOptional({ enum: ALERT_SEVERITIES })
  @IsOptional()
  @IsIn(ALERT_SEVERITIES, { message: `severity must be one of ${ALERT_SEVERITIES.join(', ')}` })
  severity?: AlertSeverity;

  @ApiPropertyOptional({ enum: ALERT_TYPES })
  @IsOptional()
  @IsIn(ALERT_TYPES, { message: `alert_type must be one of ${ALERT_TYPES.join(', ')}` })
  alert_type?: AlertType;
}

export class AuditLogQueryDto extends PagedTimeRangeQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'actor_id must be a positive integer' })
  @Min(1, { message: 'actor_id must be a positive integer' })
  @Max(2_147_483_647, { message: 'actor_id must be a positive integer' })
  actor_id?: number;

  @ApiPropertyOptional({ description: 'exact action, e.g. alert.resolve, or a prefix ending in ".", e.g. league.' })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_]*)?$/, { message: 'action must look like area.verb (or area. for every verb)' })
  @MaxLength(100, { message: 'action must be at most 100 characters' })
  action?: string;
}
