import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  HttpCode,
  Post,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { JobRunView, WarmCacheResponse } from '@league/contracts';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { WarmCacheDto } from './dto/warm-cache.dto.js';
import { JobBusyError, SchedulerClosingError } from './job-errors.js';
import { JobRunner } from './job-runner.js';
import { WarmTargets } from './warm-targets.js';

/** Warming by hand: runs the target's warm jobs now, under their leases, and audit-logs who asked. */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('admin/monitoring/cache')
export class CacheWarmController {
  constructor(
    private readonly targets: WarmTargets,
    private readonly runner: JobRunner,
    private readonly audit: AuditService,
  ) {}

  @Post('warm')
  @HttpCode(200)
  @ApiOkResponse({ description: 'the runs the target started, with their outcome and keys warmed' })
  async warm(@Body() body: WarmCacheDto, @CurrentUser() user: AuthUser): Promise<WarmCacheResponse> {
    const jobs = this.targets.jobsFor(body.target);
    if (!jobs) {
      const known = this.targets.names();
      throw new BadRequestException(
        known.length
          ? `target must be one of: ${known.join(', ')}`
          : `target ${body.target} is unknown: no warm target is registered yet`,
      );
    }
    const runs: JobRunView[] = [];
    try {
      // One after the other: warmers are database-heavy and must not compete for the pool.
      for (const job of jobs) runs.push(await this.runner.runNow(job, { actorId: user.id }));
    } catch (error) {
      if (runs.length) await this.record(user, body.target, runs);
      if (error instanceof JobBusyError) throw new ConflictException(error.message);
      if (error instanceof SchedulerClosingError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
    await this.record(user, body.target, runs);
    return { target: body.target, runs };
  }

  private record(user: AuthUser, target: string, runs: JobRunView[]): Promise<void> {
    return this.audit.record({
      actorId: user.id,
      action: 'cache.warm',
      target: `cache:${target}`,
      details: { runs: runs.map((r) => ({ id: r.id, job: r.job, outcome: r.outcome, keys_warmed: r.keys_warmed })) },
    });
  }
}
