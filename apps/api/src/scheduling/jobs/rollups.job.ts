import type { JobDefinition } from '../job-definition.js';

/** One of monitoring's rollups (trades, metrics ...) into its pre-aggregated tables. */
export interface RollupStep {
  name: string;
  run(at: Date): Promise<unknown>;
}

/** rollups: runs monitoring's rollup methods for the tick's time, each once across the instances. */
export function rollupsJob(steps: RollupStep[]): JobDefinition {
  return {
    name: 'rollups',
    async run(context) {
      const at = context.scheduledAt ?? new Date();
      const results: Record<string, unknown> = {};
      for (const step of steps) {
        context.signal.throwIfAborted();
        results[step.name] = (await step.run(at)) ?? null;
      }
      const counts = Object.values(results).filter((v): v is number => typeof v === 'number');
      return {
        itemsProcessed: counts.length ? counts.reduce((a, b) => a + b, 0) : undefined,
        details: { results },
      };
    },
  };
}
