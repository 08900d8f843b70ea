import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** A path id: a positive integer that fits a PostgreSQL integer, else 400 (never a database error). */
@Injectable()
export class IdParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) {
      throw new BadRequestException('id must be a positive integer');
    }
    return Number(value);
  }
}

/** `from`/`to` query strings to dates, 400 when from is not before to. */
export function timeRange(from?: string, to?: string): { from: Date | undefined; to: Date | undefined } {
  const range = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
  for (const [name, date] of Object.entries(range)) {
    if (date && Number.isNaN(date.getTime())) throw new BadRequestException(`${name} must be an ISO 8601 date-time`);
  }
  if (range.from && range.to && range.from >= range.to) throw new BadRequestException('from must be before to');
  return range;
}
