import { migrate } from '../src/database/migrate.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { createTestDatabase } from './support/test-database.js';

describe('migrations', () => {
  it('build the schema from an empty database, once, even when two instances start together', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);
      expect([...a, ...b]).toHaveLength(MIGRATIONS.length);
      expect(await migrate(db.url)).toEqual([]);
      const tables = await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['users', 'sessions', 'login_attempts', 'migrations']),
      );
    } finally {
      await db.drop();
    }
  });
});
