import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { AlertSeverity, AlertType, CreateAlertRequest } from '@league/contracts';
import { ALERT_SEVERITIES, ALERT_TYPES } from '../alert-row.js';

/** POST /admin/monitoring/alerts: an external tool raises an alert. */
export class CreateAlertDto implements CreateAlertRequest {
  @ApiProperty({ enum: ALERT_TYPES })
  @IsIn(ALERT_TYPES, { message: `alert_type must be one of ${ALERT_TYPES.join(', ')}` })
  alert_type!: AlertType;

  @ApiProperty({ enum: ALERT_SEVERITIES })
  @IsIn(ALERT_SEVERITIES, { message: `severity must be one of ${ALERT_SEVERITIES.join(', ')}` })
  severity!: AlertSeverity;

  @ApiProperty({ maxLength: 200 })
  @IsString({ message: 'title must be a string' })
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'message must be a string' })
  @MaxLength(2000, { message: 'message must be at most 2000 characters' })
  message?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject({ message: 'data must be a JSON object' })
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'fingerprint must be a string' })
  @Length(1, 200, { message: 'fingerprint must be 1 to 200 characters' })
  fingerprint?: string;
}
