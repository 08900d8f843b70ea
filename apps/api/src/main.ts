import 'reflect-metadata';
import { AdminBootstrapService } from './auth/admin-bootstrap.service.js';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { migrate } from './database/migrate.js';
import { seedIfEmpty } from './trading/demo-data/seed-if-empty.js';

const say = (message: string) => process.stdout.write(`${message}\n`);

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
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    say(`Starting embedded PostgreSQL (data in ${config.dataDir}/pg) ...`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, say);
    databaseUrl = embedded.url;
  }
  const stopEmbedded = async () => {
    if (embedded) {
      const e = embedded;
      embedded = null;
      await e.stop();
    }
  };

  try {
    const applied = await migrate(databaseUrl);
    if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);
    if (config.seedOnEmpty) await seedIfEmpty(databaseUrl, say);
    const app = await createApp({ ...config, databaseUrl });
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      say(`${signal} received, shutting down ...`);
      const force = setTimeout(() => process.exit(1), 20_000).unref();
      try {
        await app.close();
      } finally {
        await stopEmbedded();
        clearTimeout(force);
        process.exit(0);
      }
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));

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
    await stopEmbedded();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
