import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DASHBOARD_PAGE_ROUTE, DASHBOARD_PAGES, dashboardHtml, mainDashboardHtml } from './dashboard-html.js';
import { OverviewRenderer } from './overview-renderer.js';

/**
 * The spec's page routes: each serves the dashboard's single-page app, which routes on the client.
 * Admin only like everything under /admin (401/403 come with the same HTML for browsers).
 */
@ApiExcludeController()
@Controller('admin/monitoring')
export class MonitoringPagesController {
  constructor(private readonly overview: OverviewRenderer) {}

  @Get()
  @RouteConfig(DASHBOARD_PAGE_ROUTE)
  @Header('content-type', 'text/html; charset=utf-8')
  // The page may carry the admin's data, rendered in.
  @Header('cache-control', 'private, no-store')
  async index(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    // Rendered and preloaded for the page's default state; parameters in the URL change some of its requests.
    if (request.url.includes('?')) return dashboardHtml();
    const rendered = await this.overview.render(request, (answersMs, renderMs) => {
      void reply.header('server-timing', `answers;dur=${answersMs.toFixed(1)}, render;dur=${renderMs.toFixed(1)}`);
    });
    return rendered ?? mainDashboardHtml();
  }

  @Get(DASHBOARD_PAGES)
  @RouteConfig(DASHBOARD_PAGE_ROUTE)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  page(): string {
    return dashboardHtml();
  }
}
