import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DASHBOARD_ASSETS_PREFIX, dashboardAssetsDir } from './dashboard-html.js';

/**
 * Serves `root` under /admin/monitoring/assets/ whether or not it exists yet: files are looked up per request, so
 * a build made after the API started is served without a restart. Queued, not awaited: awaiting would boot
 * Fastify's plugin queue now, before Nest has installed its error handler, and Fastify's own errors (bad JSON,
 * body too large) would then bypass the app's error filter.
 */
export function serveDashboardAssets(fastify: FastifyInstance, root: string): void {
  void fastify.register(fastifyStatic, {
    root,
    prefix: DASHBOARD_ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    // A missing folder is the normal state before the first build.
    suppressWarning: true,
    // Vite names assets by content hash: cache them for a year.
    immutable: true,
    maxAge: '365d',
  });
}

/**
 * Serves the dashboard's built scripts and styles publicly under /admin/monitoring/assets/: they hold no data
 * (every figure comes from the admin-only JSON routes), and the login page itself needs them.
 */
@Injectable()
export class DashboardAssets implements OnModuleInit {
  private readonly logger = new Logger('DashboardAssets');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const root = dashboardAssetsDir();
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!root || !fastify) {
      this.logger.log('Dashboard not found: serving the placeholder page');
      return;
    }
    if (!existsSync(root)) this.logger.log('Dashboard not built yet: its assets are served once `npm run build` ran');
    serveDashboardAssets(fastify, root);
  }
}
