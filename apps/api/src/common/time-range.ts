import { BadRequestException } from '@nestjs/common';

/** `from`/`to` query strings to dates, 400 when either is not a date or from is not before to. */
export function timeRange(from?: string, to?: string): { from: Date | undefined; to: Date | undefined } {
  const range = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
  for (const [name, date] of Object.entries(range)) {
    if (date && Number.isNaN(date.getTime())) throw new BadRequestException(`${name} must be an ISO 8601 date-time`);
  }
  if (range.from && range.to && range.from >= range.to) throw new BadRequestException('from must be before to');
  return range;
}
