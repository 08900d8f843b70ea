import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { LiveResponse, ReadyResponse } from '@league/contracts';
import { Public } from '../auth/public.decorator.js';
import { HealthChecker } from '../monitoring/health-checker.service.js';

/** Liveness and readiness for load balancers and orchestrators. Public, and they reveal nothing sensitive. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthChecker) {}

  /** Not rate limited: it answers a constant, and probes come often from few addresses. */
  @Public('unlimited')
  @Get('live')
  live(): LiveResponse {
    return { status: 'ok', uptime_s: Math.round(process.uptime()) };
  }

  /** 503 only when unhealthy (database down): a degraded instance (slow, cache down) still serves. */
  @Public()
  @Get('ready')
  async ready(): Promise<ReadyResponse> {
    const report = await this.health.fullHealthCheck();
    if (report.overall_status === 'unhealthy') throw new ServiceUnavailableException('Database unreachable');
    return { status: 'ready', overall_status: report.overall_status };
  }
}
