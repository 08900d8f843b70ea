import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { COLLABORATORS } from './collaborators.js';
import { JobRunner } from './job-runner.js';
import { HealthProbeJob } from './jobs/health-probe.job.js';
import { quoteTickJob } from './jobs/quote-tick.job.js';
import { RetentionJob, type RetentionStep } from './jobs/retention.job.js';
import { rollupsJob, type RollupStep } from './jobs/rollups.job.js';
import { resolveOptionalMethod, type ProviderRef } from './optional-provider.js';

/**
 * Registers the jobs that need nothing unfinished: quote_tick (when the market module provides MarketService.tick),
 * health_probe, retention (plus monitoring's retention when present) and rollups (when monitoring provides one).
 * The cache warmers register themselves with JobRunner.register and WarmTargets.register.
 */
@Injectable()
export class BuiltInJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('Scheduling');

  constructor(
    private readonly runner: JobRunner,
    private readonly moduleRef: ModuleRef,
    private readonly healthProbe: HealthProbeJob,
    private readonly retention: RetentionJob,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const tick = await resolveOptionalMethod<[Date], { open: boolean; changed: number }>(
      this.moduleRef,
      COLLABORATORS.quoteTick,
    );
    if (tick) this.runner.register(quoteTickJob(tick));
    else this.logger.log('quote_tick not registered: the market module does not provide MarketService.tick()');

    this.runner.register(this.healthProbe.definition());

    const retentionSteps: RetentionStep[] = await this.steps(COLLABORATORS.retention);
    this.runner.register(this.retention.definition(retentionSteps));

    const rollupSteps: RollupStep[] = await this.steps(COLLABORATORS.rollups);
    if (rollupSteps.length) this.runner.register(rollupsJob(rollupSteps));
    else this.logger.log('rollups not registered: monitoring provides no rollup method yet');
  }

  private async steps(refs: ProviderRef[]): Promise<{ name: string; run: (...args: any[]) => Promise<unknown> }[]> {
    const steps = [];
    for (const ref of refs) {
      const run = await resolveOptionalMethod<any[], unknown>(this.moduleRef, ref);
      if (run) steps.push({ name: `${ref.exportName}.${ref.method}`, run });
    }
    return steps;
  }
}
