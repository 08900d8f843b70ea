import pg from 'pg';
import { DEMO_PASSWORD, DEMO_PRESETS, seedDemoData } from './demo-data.js';

/** Any constant: only one instance may seed an empty database. */
const SEED_LOCK_KEY = 724_312;

/**
 * `npm start` on an empty database (no leagues) loads the small demo set, so every page has something to show.
 * Several instances starting together: one seeds, the others wait on the lock and find leagues.
 */
export async function seedIfEmpty(databaseUrl: string, say: (message: string) => void): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM leagues) AS any`);
    if (rows[0].any) return false;
    say('Empty database: loading the demo data set (SEED_ON_EMPTY=false to skip) ...');
    const summary = await seedDemoData(databaseUrl, DEMO_PRESETS.small);
    say(
      `Demo data: ${summary.users} users, ${summary.leagues} leagues, ${summary.trades} trades in ${(summary.ms / 1000).toFixed(1)} s. ` +
        `Demo users log in with the password "${DEMO_PASSWORD}" (for example "${summary.suspiciousUsers[0]}").`,
    );
    return true;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
