import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Run history of the scheduled jobs. One row per scheduled tick (unique on job and scheduled time, which also
 * stops a second instance from running a tick that another one already claimed), one per manual run.
 */
export class JobRuns1795851850743 implements MigrationInterface {
  name = 'JobRuns1795851850743';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_runs (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job             text NOT NULL,
        instance_id     text NOT NULL,
        trigger         text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        scheduled_at    timestamptz,
        started_at      timestamptz NOT NULL DEFAULT now(),
        finished_at     timestamptz,
        duration_ms     integer,
        outcome         text NOT NULL CHECK (outcome IN ('running', 'ok', 'failed', 'skipped')),
        lock_backend    text NOT NULL CHECK (lock_backend IN ('redis', 'postgres')),
        keys_warmed     integer,
        items_processed integer,
        error           text,
        details         jsonb NOT NULL DEFAULT '{}',
        actor_id        integer REFERENCES users (id) ON DELETE SET NULL
      )`);
    // Manual runs have no scheduled time: NULLs never conflict, so they are not limited by this.
    await q.query(`CREATE UNIQUE INDEX job_runs_tick_key ON job_runs (job, scheduled_at)`);
    await q.query(`CREATE INDEX job_runs_job_started_idx ON job_runs (job, started_at DESC)`);
    await q.query(`CREATE INDEX job_runs_started_idx ON job_runs (started_at DESC)`);
    await q.query(`CREATE INDEX job_runs_running_idx ON job_runs (job) WHERE outcome = 'running'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_runs`);
  }
}
