import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminBootstrapService } from './auth/admin-bootstrap.service.js';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { migrate } from './database/migrate.js';
import { seedIfEmpty } from './trading/demo-data/seed-if-empty.js';

const say = (message: string) => process.stdout.write(`${message}\n`);

/** How long shutdown may take beyond waiting for running jobs before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 20_000;
const IDLE_SWEEP_MS = 100;

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  let embedded: EmbeddedDatabase | null = null;
  let app: NestFastifyApplication | null = null;
  let stopping: Promise<void> | null = null;
  const stopEmbedded = async () => {
    const e = embedded;
    embedded = null;
    await e?.stop();
  };

  // One handler for SIGTERM and SIGINT, in order: stop accepting connections and drain in-flight requests; stop
  // the scheduler and release leases, flush metrics and buffered alerts, close the pools (the app's shutdown
  // hooks); stop the embedded PostgreSQL last.
  const shutdown = (signal: NodeJS.Signals) =>
    (stopping ??= (async () => {
      say(`${signal} received, shutting down ...`);
      setTimeout(() => {
        process.stderr.write('Shutdown took too long: exiting anyway\n');
        process.exit(1);
      }, config.jobs.shutdownTimeoutMs + SHUTDOWN_GRACE_MS).unref();
      let code = 0;
      try {
        if (app) {
          const http = app.getHttpAdapter().getInstance();
          // A keep-alive connection is closed as soon as its last response is sent, not after its idle timeout.
          const sweep = setInterval(() => http.server.closeIdleConnections(), IDLE_SWEEP_MS);
          try {
            await http.close();
          } finally {
            clearInterval(sweep);
          }
          await app.close();
        }
      } catch (error) {
        code = 1;
        process.stderr.write(`Shutdown error: ${describe(error)}\n`);
      } finally {
        await stopEmbedded().catch((error: unknown) => {
          code = 1;
          process.stderr.write(`Stopping the embedded PostgreSQL failed: ${describe(error)}\n`);
        });
      }
      process.exit(code);
    })());
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    say(`Starting embedded PostgreSQL (data in ${config.dataDir}/pg) ...`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, say);
    databaseUrl = embedded.url;
    if (stopping) return;
  }

  try {
    const applied = await migrate(databaseUrl);
    if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);
    if (config.seedOnEmpty) await seedIfEmpty(databaseUrl, say);
    if (stopping) return;
    app = await createApp({ ...config, databaseUrl });
    await app.listen({ port: config.port, host: config.host });
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    const generated = app.get(AdminBootstrapService).generatedPassword;
    say(`\nTrading League API listening on ${url}`);
    say(`  Dashboard: ${url}/admin/monitoring/   API docs: ${url}/api/docs`);
    say(
      generated
        ? `  Log in as "admin" with the generated password: ${generated}  (set ADMIN_PASSWORD to choose one)`
        : `  Log in as "admin" with the password from ADMIN_PASSWORD (or the one printed at first start).`,
    );
  } catch (error) {
    await app?.close().catch(() => undefined);
    await stopEmbedded().catch(() => undefined);
    throw error;
  }
}

/** One sentence for what a user can fix; the stack only for what looks like a bug. */
function describe(error: unknown): string {
  if (error instanceof EmbeddedPostgresError) return error.message;
  const code = (error as { code?: string } | null)?.code;
  if (code && DATABASE_UNREACHABLE.has(code)) {
    return `PostgreSQL is unreachable (${code}: ${(error as Error).message}): check DATABASE_URL, or unset it to use the embedded PostgreSQL.`;
  }
  if (code === 'EADDRINUSE') {
    return `${(error as Error).message}: another program uses this port; set PORT (and HOST) to a free one.`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

const DATABASE_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '28P01',
  '28000',
  '3D000',
]);

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${describe(error)}\n`);
  process.exit(1);
});
