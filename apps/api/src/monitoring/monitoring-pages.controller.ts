import { Controller, Get, Header, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DASHBOARD_PAGE_ROUTE, DASHBOARD_PAGES, dashboardHtml, mainDashboardHtml } from './dashboard-html.js';

/**
 * The spec's page routes: each serves the dashboard's single-page app, which routes on the client.
 * Admin only like everything under /admin (401/403 come with the same HTML for browsers).
 */
@ApiExcludeController()
@Controller('admin/monitoring')
export class MonitoringPagesController {
  @Get()
  @RouteConfig(DASHBOARD_PAGE_ROUTE)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  index(@Req() request: FastifyRequest): string {
    // The preloads are the requests of the page's default state; parameters in the URL change some of them.
    return request.url.includes('?') ? dashboardHtml() : mainDashboardHtml();
  }

  @Get(DASHBOARD_PAGES)
  @RouteConfig(DASHBOARD_PAGE_ROUTE)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  page(): string {
    return dashboardHtml();
  }
}
