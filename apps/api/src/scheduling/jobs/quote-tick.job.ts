import type { JobDefinition } from '../job-definition.js';

/** What MarketService.tick() answers. */
interface TickOutcome {
  open: boolean;
  changed: number;
}

/**
 * quote_tick: one step of the simulated market. It passes the tick's scheduled time, so the price path is the
 * same whichever instance runs it (and a late instance computes the same step).
 */
export function quoteTickJob(tick: (at: Date) => Promise<TickOutcome>): JobDefinition {
  return {
    name: 'quote_tick',
    async run(context) {
      const result = await tick(context.scheduledAt ?? new Date());
      if (!result.open) return { itemsProcessed: 0, skippedReason: 'market closed' };
      return { itemsProcessed: result.changed };
    },
  };
}
