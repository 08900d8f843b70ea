import type { JobDefinition } from '../job-definition.js';

/** What OptionSettlement.settleExpired() answers. */
interface SettlementOutcome {
  settled: number;
  paid: number;
}

/**
 * option_expiry: settles option positions past their expiration (21:00 UTC on expiration day) at intrinsic value.
 * Daily, shortly after the close; a missed day is caught up by the next run, since it settles everything expired.
 */
export function optionExpiryJob(settle: (at: Date, signal: AbortSignal) => Promise<SettlementOutcome>): JobDefinition {
  return {
    name: 'option_expiry',
    async run(context) {
      const result = await settle(context.scheduledAt ?? new Date(), context.signal);
      return { itemsProcessed: result.settled, details: { paid: result.paid } };
    },
  };
}
