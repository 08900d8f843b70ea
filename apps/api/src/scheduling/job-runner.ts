import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { JobRunView, JobTrigger } from '@league/contracts';
import { CronJob, CronTime } from 'cron';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import type { JobDefinition, JobResult } from './job-definition.js';
import { JobBusyError, SchedulerClosingError, UnknownJobError } from './job-errors.js';
import { JobLeases, type HeldLease } from './job-lease.js';
import { JobRunHistory, type RunStart } from './job-run-history.js';
import { INSTANCE_ID } from './scheduling.tokens.js';

const JOB_NAME = /^[a-z][a-z0-9_]{0,62}$/;
/** Cron ticks are computed in UTC so every instance agrees on them, whatever its local zone. */
const TIME_ZONE = 'UTC';

interface RegisteredJob {
  definition: JobDefinition;
  schedule: string;
  leaseTtlMs: number;
  cron: CronJob | null;
  /** The tick the cron timer was set for: the scheduled time of the next onTick. */
  expectedTick: number | null;
}

interface ActiveRun {
  job: string;
  runId: number | null;
  lease: HeldLease;
  abort: AbortController;
  /** Settles once the run is recorded and its lease released. */
  done: Promise<unknown>;
  /** Set when shutdown gave up waiting and closed the run itself. */
  closedByShutdown: boolean;
  renewal: NodeJS.Timeout;
}

export interface RunOptions {
  /** The admin who asked for the run (recorded in job_runs). */
  actorId?: number | null;
}

/**
 * Runs registered jobs on their cron schedules (@nestjs/schedule's SchedulerRegistry, `cron` CronJobs), each tick
 * on exactly one instance: every instance's timer fires, each asks JobLeases for the job's lease and the tick, one
 * wins and runs it while renewing its lease, and the run is recorded in job_runs. Runs by hand take the same lease.
 * Registration points: `register()` (warmers and other areas add their jobs, before or after start).
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobRunner');
  private readonly jobs = new Map<string, RegisteredJob>();
  private readonly active = new Set<ActiveRun>();
  private started = false;
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INSTANCE_ID) readonly instanceId: string,
    private readonly leases: JobLeases,
    private readonly history: JobRunHistory,
    private readonly registry: SchedulerRegistry,
  ) {}

  /** Adds a job; its schedule is the definition's, else config.schedules[name]. Throws on a bad name or schedule. */
  register(definition: JobDefinition): void {
    const { name } = definition;
    if (!JOB_NAME.test(name)) throw new Error(`Invalid job name ${JSON.stringify(name)}: use snake_case`);
    if (this.jobs.has(name)) throw new Error(`Job ${name} is already registered`);
    const schedule = (definition.schedule ?? this.config.schedules[name] ?? 'off').trim();
    const job: RegisteredJob = {
      definition,
      schedule,
      leaseTtlMs: definition.leaseTtlMs ?? this.config.jobs.leaseTtlMs,
      cron: null,
      expectedTick: null,
    };
    if (schedule !== 'off') {
      const valid = CronTime.validateCronExpression(schedule);
      if (!valid.valid) {
        throw new Error(
          `Invalid schedule for job ${name} (SCHEDULE_${name.toUpperCase()}=${JSON.stringify(schedule)}): ` +
            `${valid.error?.message ?? 'not a cron expression'}`,
        );
      }
      job.cron = CronJob.from({
        cronTime: schedule,
        timeZone: TIME_ZONE,
        name,
        start: false,
        onTick: () => this.onTick(job),
      });
      this.registry.addCronJob(name, job.cron as unknown as CronJob);
    }
    this.jobs.set(name, job);
    if (this.started) this.startTimer(job);
    this.logger.log(`Registered job ${name} (${schedule})`);
  }

  /**
   * Removes a job: no new tick from now on; resolves once its run in progress (if any) has ended, waiting at most
   * config.jobs.shutdownTimeoutMs.
   */
  async unregister(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) return;
    this.jobs.delete(name);
    if (job.cron) {
      void job.cron.stop();
      if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
    }
    await this.waitFor(
      [...this.active].filter((run) => run.job === name),
      this.config.jobs.shutdownTimeoutMs,
    );
  }

  isRegistered(name: string): boolean {
    return this.jobs.has(name);
  }

  /** Registered jobs with their schedule and next tick (null when off). */
  list(): { name: string; schedule: string; nextRunAt: Date | null }[] {
    return [...this.jobs.values()].map((job) => ({
      name: job.definition.name,
      schedule: job.schedule,
      nextRunAt: job.cron && this.started && !this.closing ? job.cron.nextDate().toJSDate() : null,
    }));
  }

  /**
   * Runs a job now, under its lease, and returns the recorded run. Throws JobBusyError when another run of it holds
   * the lease (on any instance), UnknownJobError, or SchedulerClosingError during shutdown.
   */
  async runNow(name: string, options: RunOptions = {}): Promise<JobRunView> {
    const job = this.jobs.get(name);
    if (!job) throw new UnknownJobError(name);
    if (this.closing) throw new SchedulerClosingError();
    const run = await this.execute(job, 'manual', null, options.actorId ?? null);
    // A manual run has no tick to lose, so null only means it ran without a history row (database unreachable).
    if (!run) throw new Error(`${name} ran, but its run could not be recorded`);
    return run;
  }

  onApplicationBootstrap(): void {
    this.started = true;
    for (const job of this.jobs.values()) this.startTimer(job);
  }

  /** No new tick from here on (modules are being destroyed). */
  onModuleDestroy(): void {
    this.closing = true;
    for (const job of this.jobs.values()) void job.cron?.stop();
  }

  /**
   * Graceful shutdown, before the database and Redis connections close: wait for running jobs (bounded by
   * config.jobs.shutdownTimeoutMs), then abort the ones still going, mark them failed and release their leases so
   * another instance can take the job at its next tick instead of waiting for the lease to expire.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.onModuleDestroy();
    if (!this.active.size) return;
    const runs = [...this.active];
    this.logger.log(`Waiting for ${runs.length} running job(s): ${runs.map((r) => r.job).join(', ')}`);
    const finished = await this.waitFor(runs, this.config.jobs.shutdownTimeoutMs);
    if (finished) return;
    for (const run of [...this.active]) {
      this.logger.warn(`Job ${run.job} still running after ${this.config.jobs.shutdownTimeoutMs} ms: releasing it`);
      run.closedByShutdown = true;
      clearInterval(run.renewal);
      run.abort.abort(new SchedulerClosingError());
      this.active.delete(run);
      if (run.runId !== null) {
        await this.history
          .finish(run.runId, { outcome: 'failed', error: `interrupted: ${this.instanceId} shut down mid-run` })
          .catch(() => undefined);
      }
      await run.lease.release().catch(() => undefined);
    }
  }

  /** True when every run ended within `timeoutMs`. */
  private async waitFor(runs: ActiveRun[], timeoutMs: number): Promise<boolean> {
    if (!runs.length) return true;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        Promise.allSettled(runs.map((r) => r.done)).then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private startTimer(job: RegisteredJob): void {
    if (!job.cron || this.closing) return;
    job.cron.start();
    job.expectedTick = job.cron.nextDate().toMillis();
  }

  /**
   * The scheduled time of the tick that fired now. The timer never fires early, so it is the tick we were waiting
   * for, or a later one if the event loop was blocked across several ticks. Using the scheduled time (not the clock)
   * in the lease key lets a late instance see that the tick is already taken.
   */
  private currentTick(job: RegisteredJob, now: number): Date {
    const cronTime = job.cron!.cronTime;
    let tick = job.expectedTick !== null && job.expectedTick <= now ? job.expectedTick : Math.floor(now / 1000) * 1000;
    for (;;) {
      const after = cronTime.getNextDateFrom(new Date(tick), TIME_ZONE).toMillis();
      if (after > now) {
        job.expectedTick = after;
        return new Date(tick);
      }
      tick = after;
    }
  }

  private onTick(job: RegisteredJob): void {
    if (this.closing) return;
    const tick = this.currentTick(job, Date.now());
    this.execute(job, 'schedule', tick, null).catch((error: unknown) =>
      this.logger.error(`Job ${job.definition.name} tick ${tick.toISOString()} failed: ${(error as Error).message}`),
    );
  }

  /** Takes the lease, records, runs, records the outcome, releases. Null when the tick was not ours to run. */
  private async execute(
    job: RegisteredJob,
    trigger: JobTrigger,
    tick: Date | null,
    actorId: number | null,
  ): Promise<JobRunView | null> {
    const name = job.definition.name;
    const base = { job: name, instanceId: this.instanceId, trigger, scheduledAt: tick, actorId };
    // Without Redis the tick is claimed first, by its job_runs row, so that only its claimant asks for the
    // advisory lock (and "busy" then really means a previous run still goes on).
    let claimed: JobRunView | null = null;
    const claimTick = tick
      ? async () => !!(claimed = await this.history.start({ ...base, backend: 'postgres' }))
      : undefined;
    const attempt = await this.leases.acquire(name, tick, job.leaseTtlMs, claimTick);
    if (attempt.status === 'taken') return null;
    if (attempt.status === 'busy') {
      if (trigger === 'manual') throw new JobBusyError(name, attempt.holder);
      if (!attempt.ownsTick) return null;
      const reason = `previous run still in progress${attempt.holder ? ` on ${attempt.holder}` : ''}`;
      const claim = claimed as JobRunView | null;
      return claim
        ? this.history.finish(claim.id, { outcome: 'skipped', error: reason })
        : this.history.skipped({ ...base, backend: attempt.backend }, reason);
    }
    const { lease } = attempt;
    const start: RunStart = { ...base, backend: lease.backend };
    let run = claimed as JobRunView | null;
    let historyDown = false;
    try {
      // We hold the job's lock: a run of it still marked running, older than a lease, lost its lease mid-run.
      const abandoned = await this.history.abandonRunning(name, this.instanceId, job.leaseTtlMs, run?.id ?? null);
      if (abandoned) this.logger.warn(`Job ${name}: took over from a holder that stopped mid-run`);
      run ??= await this.history.start(start);
    } catch (error) {
      // The database is unreachable. Under a Redis lease the tick is still ours alone, so the job runs (the health
      // probe must report exactly this); under the advisory lock there is no lock without the database.
      if (lease.backend !== 'redis') {
        await lease.release().catch(() => undefined);
        throw error;
      }
      historyDown = true;
      this.logger.warn(`Job ${name}: run history unavailable (${(error as Error).message}); running anyway`);
    }
    if (!run && !historyDown) {
      // The tick already has a row: another instance ran it (a Redis tick key was lost, or it ran without Redis).
      await lease.release();
      return null;
    }
    return this.runHeld(job, lease, run, start);
  }

  private async runHeld(
    job: RegisteredJob,
    lease: HeldLease,
    run: JobRunView | null,
    start: RunStart,
  ): Promise<JobRunView | null> {
    const name = job.definition.name;
    const abort = new AbortController();
    let lastRenewed = Date.now();
    const renewEvery = Math.max(50, Math.floor(job.leaseTtlMs / 3));
    const renewal = setInterval(() => {
      lease.renew().then(
        (ok) => {
          if (ok) lastRenewed = Date.now();
          else lost(lease.backend === 'redis' ? 'the lease was taken over' : 'the lock connection was lost');
        },
        () => {
          // Stop while the lease still lasts: the next renewal would come too late, and by then another instance
          // may own the job.
          if (Date.now() - lastRenewed + renewEvery >= job.leaseTtlMs) {
            lost('the lease could not be renewed in time (Redis unreachable or not answering)');
          }
        },
      );
    }, renewEvery);
    let lostLease: string | null = null;
    const lost = (why: string) => {
      if (abort.signal.aborted) return;
      lostLease = `lease lost: ${why}`;
      this.logger.warn(`Job ${name}: ${why}; stopping this run`);
      abort.abort(new Error(lostLease));
    };

    let settle!: () => void;
    const active: ActiveRun = {
      job: name,
      runId: run?.id ?? null,
      lease,
      abort,
      done: new Promise<void>((resolve) => (settle = resolve)),
      closedByShutdown: false,
      renewal,
    };
    this.active.add(active);
    try {
      let outcome: { ok: true; result: JobResult } | { ok: false; error: unknown };
      try {
        const result = (await job.definition.run({
          name,
          trigger: start.trigger,
          scheduledAt: start.scheduledAt,
          instanceId: this.instanceId,
          signal: abort.signal,
        })) as JobResult | undefined;
        outcome = { ok: true, result: result ?? {} };
      } catch (error) {
        outcome = { ok: false, error };
      } finally {
        clearInterval(renewal);
      }
      if (active.closedByShutdown) return run; // already recorded as interrupted, lease released
      // Another instance may have run the job meanwhile: whatever this run did, it did not finish under the lease.
      if (lostLease) outcome = { ok: false, error: new Error(lostLease) };
      return await this.record(name, run, outcome, lease);
    } finally {
      this.active.delete(active);
      settle();
    }
  }

  private async record(
    name: string,
    run: JobRunView | null,
    outcome: { ok: true; result: JobResult } | { ok: false; error: unknown },
    lease: HeldLease,
  ): Promise<JobRunView | null> {
    let finished: JobRunView | null = run;
    try {
      if (run) {
        finished = await this.history.finish(
          run.id,
          outcome.ok
            ? {
                outcome: outcome.result.skippedReason ? 'skipped' : 'ok',
                keysWarmed: outcome.result.keysWarmed,
                itemsProcessed: outcome.result.itemsProcessed,
                details: outcome.result.skippedReason
                  ? { ...outcome.result.details, reason: outcome.result.skippedReason }
                  : outcome.result.details,
              }
            : { outcome: 'failed', error: messageOf(outcome.error) },
        );
      }
      if (!outcome.ok) this.logger.error(`Job ${name} failed: ${messageOf(outcome.error)}`);
    } catch (error) {
      this.logger.warn(`Job ${name}: could not record its outcome (${(error as Error).message})`);
    } finally {
      await lease.release().catch((error: unknown) => {
        // An unreleased lease expires by itself after its TTL.
        this.logger.warn(`Job ${name}: lease release failed (${(error as Error).message})`);
      });
    }
    // Null from finish: the run was closed meanwhile (marked abandoned by an instance that took over).
    return finished ?? run;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
