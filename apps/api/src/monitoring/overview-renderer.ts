import { existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dashboardHtml, dashboardServerEntry, mainDashboardRequests, withPreloads } from './dashboard-html.js';

type RenderOverview = (answers: Record<string, unknown>, base: string) => string;

/** The longest an admin's page waits for its cards' answers; cards answered later come rendered as loading. */
const ANSWERS_WAIT_MS = 250;
const BASE = '/admin/monitoring/';
const ROOT = '<div id="root"></div>';
/** The answer without which nothing renders: who is asking. */
const SESSION = '/api/auth/me';

/** JSON safe inside a `<script>` element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The main dashboard rendered on the server for the admin asking, with its data: the browser shows every card
 * before any JavaScript runs, then the app takes the page over (hydration) with the same answers, embedded.
 * The answers come from the API's own routes, asked in-process as the admin, so access rules and caching are theirs.
 */
@Injectable()
export class OverviewRenderer implements OnApplicationBootstrap {
  private readonly logger = new Logger(OverviewRenderer.name);
  private loaded: { file: string; mtimeMs: number; render: RenderOverview } | null = null;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Loads and runs the rendering once in the background: the first admin does not wait for its import. */
  onApplicationBootstrap(): void {
    void this.renderer()
      .then((render) => render?.({}, BASE))
      .catch(() => undefined);
  }

  /**
   * The rendered page, or null when the rendering is not built, the session is not answered in time, or it fails.
   * `timing` receives the milliseconds spent getting the answers and rendering (for Server-Timing).
   */
  async render(
    request: FastifyRequest,
    timing: (answersMs: number, renderMs: number) => void = () => undefined,
  ): Promise<string | null> {
    try {
      const render = await this.renderer();
      const urls = mainDashboardRequests();
      if (!render || urls.length === 0 || !dashboardHtml().includes(ROOT)) return null;
      const started = performance.now();
      const answers = await this.answers(request, urls);
      if (!answers) return null;
      const answered = performance.now();
      const html = render(answers, BASE);
      timing(answered - started, performance.now() - answered);
      // What was not answered in time the browser fetches while the app loads, as on an unrendered page.
      const late = urls.filter((url) => !(url in answers));
      return withPreloads(dashboardHtml(), late).replace(
        ROOT,
        `<div id="root">${html}</div>\n    <script type="application/json" id="initial-answers">${scriptJson(answers)}</script>`,
      );
    } catch (error) {
      this.logger.warn(`Could not render the overview on the server: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * The JSON answers for this admin that are 200 within ANSWERS_WAIT_MS, by URL; null without the session's. A card
   * whose answer is late is rendered loading, and asks for it from the browser (by then it is usually cached).
   */
  private async answers(request: FastifyRequest, urls: readonly string[]): Promise<Record<string, unknown> | null> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.headers.cookie) headers.cookie = request.headers.cookie;
    if (request.headers.authorization) headers.authorization = request.headers.authorization;
    const answers: Record<string, unknown> = {};
    const asked = Promise.all(
      urls.map(async (url) => {
        const reply = await fastify.inject({ method: 'GET', url, headers, remoteAddress: request.ip });
        if (reply.statusCode === 200) answers[url] = reply.json();
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ANSWERS_WAIT_MS)));
    await Promise.race([asked, late]).finally(() => clearTimeout(timer));
    return SESSION in answers ? { ...answers } : null;
  }

  /** The built rendering, imported again when the dashboard is rebuilt. */
  private async renderer(): Promise<RenderOverview | null> {
    const file = dashboardServerEntry();
    if (!file || !existsSync(file)) return null;
    const { mtimeMs } = statSync(file);
    if (this.loaded?.file !== file || this.loaded.mtimeMs !== mtimeMs) {
      const url = pathToFileURL(file).href + (this.loaded ? `?v=${mtimeMs}` : '');
      const module = (await import(url)) as { renderOverview: RenderOverview };
      this.loaded = { file, mtimeMs, render: module.renderOverview };
    }
    return this.loaded.render;
  }
}
