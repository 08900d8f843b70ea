import { timingSafeEqual } from 'node:crypto';
import { Controller, ForbiddenException, Get, Inject, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { MetricsCollectors } from './metrics-collectors.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

/**
 * Prometheus scrape endpoint. Outside /admin, so it is @Public for the guard and checks here: the bearer
 * METRICS_TOKEN (compared in constant time), or an admin session.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly prometheus: PrometheusMetrics,
    private readonly collectors: MetricsCollectors,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiExcludeEndpoint()
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.tokenMatches(request.headers.authorization)) {
      if (!request.user) throw new UnauthorizedException('A metrics token or an admin session is required');
      if (request.user.role !== 'admin') throw new ForbiddenException('Admin role required');
    }
    await this.collectors.refresh();
    const body = await this.prometheus.registry.metrics();
    void reply.header('content-type', this.prometheus.registry.contentType).send(body);
  }

  private tokenMatches(header: string | undefined): boolean {
    const expected = this.config.monitoring.metricsToken;
    if (!expected || !header?.startsWith('Bearer ')) return false;
    const given = Buffer.from(header.slice(7));
    const wanted = Buffer.from(expected);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
}
