import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** Any constant works; it only has to be the same for every instance of the app. */
const MIGRATION_LOCK_KEY = 724_311;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that several instances starting
 * together apply each migration once. Returns the names of the migrations applied.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    logging: false,
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
