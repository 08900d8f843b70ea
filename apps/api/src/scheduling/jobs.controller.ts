import { BadRequestException, Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { JobsResponse, JobStatusView } from '@league/contracts';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { ServerTimingInterceptor } from '../monitoring/server-timing.interceptor.js';
import { JobRunsQueryDto } from './dto/job-runs-query.dto.js';
import { JobLeases } from './job-lease.js';
import { JobRunHistory } from './job-run-history.js';
import { JobRunner } from './job-runner.js';

/** The scheduler's state for the admin dashboard: each job's schedule, next tick, latest runs, and the history. */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('admin/monitoring/jobs')
@UseInterceptors(ServerTimingInterceptor)
export class JobsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: JobRunner,
    private readonly history: JobRunHistory,
    private readonly leases: JobLeases,
  ) {}

  @Get('json')
  @ApiOkResponse({ description: 'jobs with their latest runs, and the filtered run history (newest first)' })
  async jobs(@Query() query: JobRunsQueryDto): Promise<JobsResponse> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw new BadRequestException('from must be before to');
    const [runs, latest] = await Promise.all([
      this.history.list({
        job: query.job,
        outcome: query.outcome,
        from,
        to,
        page: query.page,
        pageSize: query.page_size,
        sort: query.sort,
        order: query.order,
      }),
      this.history.latestByJob(),
    ]);
    const registered = new Map(this.runner.list().map((job) => [job.name, job]));
    // Configured jobs whose code is absent still show, as not registered, so an admin sees why they never run.
    const names = [...new Set([...registered.keys(), ...Object.keys(this.config.schedules)])].sort();
    const jobs: JobStatusView[] = names.map((name) => {
      const job = registered.get(name);
      const schedule = job?.schedule ?? this.config.schedules[name] ?? 'off';
      const state = latest.get(name);
      return {
        name,
        schedule,
        registered: !!job,
        enabled: !!job && schedule !== 'off',
        next_run_at: job?.nextRunAt?.toISOString() ?? null,
        last_run: state?.last ?? null,
        last_success_at: state?.lastSuccessAt ?? null,
        running: state?.running ?? null,
      };
    });
    return {
      instance_id: this.runner.instanceId,
      lock_backend: this.leases.backend,
      jobs,
      runs: { items: runs.items, page: query.page, page_size: query.page_size, total: runs.total },
    };
  }
}
