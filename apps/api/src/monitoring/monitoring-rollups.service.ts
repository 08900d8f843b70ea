import { Injectable } from '@nestjs/common';
import { TradeRollups } from './trade-rollups.service.js';

/**
 * The entry point of the scheduler's `rollups` job (scheduling/built-in-jobs.ts): brings
 * every monitoring rollup up to the tick's time. Answers the number of hours and days recomputed.
 */
@Injectable()
export class MonitoringRollups {
  constructor(private readonly trades: TradeRollups) {}

  async rollup(at: Date = new Date()): Promise<number> {
    const result = await this.trades.rollup(at);
    return result.hours + result.days;
  }
}
