import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { JobDefinition } from '../../src/scheduling/job-definition.js';
import { JobRunner } from '../../src/scheduling/job-runner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Several app instances on one database and one Redis namespace: the shape of a multi-instance deployment. */
export interface Cluster {
  db: TestDatabase;
  apps: TestApp[];
  close(): Promise<void>;
}

export async function startCluster(size: number, env: Record<string, string> = {}): Promise<Cluster> {
  const db = await createTestDatabase();
  // The same prefix on every instance (startTestApp would give each its own), so they share the leases.
  const shared = { CACHE_PREFIX: `s${randomBytes(4).toString('hex')}`, ...env };
  const apps: TestApp[] = [];
  for (let i = 0; i < size; i++) apps.push(await startTestApp({ db, env: shared }));
  await db.query(`CREATE TABLE test_job_effects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job text NOT NULL, tick timestamptz, instance_id text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  return {
    db,
    apps,
    async close() {
      for (const app of apps) await app.close().catch(() => undefined);
      await db.drop();
    },
  };
}

export const runnerOf = (app: TestApp) => app.app.get(JobRunner);

/**
 * A job whose every run leaves one row in test_job_effects (the side effect that must happen once per tick),
 * optionally taking `workMs` to finish.
 */
export function effectJob(app: TestApp, name: string, options: Partial<JobDefinition> & { workMs?: number } = {}) {
  const db = app.app.get(DataSource);
  const definition: JobDefinition = {
    name,
    schedule: '* * * * * *',
    ...options,
    async run(context) {
      await db.query(`INSERT INTO test_job_effects (job, tick, instance_id) VALUES ($1, $2, $3)`, [
        name,
        context.scheduledAt,
        context.instanceId,
      ]);
      if (options.workMs) await sleep(options.workMs);
      return { itemsProcessed: 1 };
    },
  };
  return definition;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
