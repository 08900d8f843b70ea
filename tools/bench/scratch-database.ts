import pg from 'pg';

/**
 * A database of a benchmark's own on DATABASE_URL's server (default: the local one), named `bench_<label>_<time>`:
 * created at the start, dropped at the end, so runs never depend on what another left behind.
 */
export class ScratchDatabase {
  readonly name: string;
  readonly url: string;

  constructor(
    label: string,
    private readonly server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  ) {
    this.name = `bench_${label}_${Date.now().toString(36)}`;
    const url = new URL(server);
    url.pathname = `/${this.name}`;
    this.url = url.toString();
  }

  create(): Promise<void> {
    return this.onServer(`CREATE DATABASE ${this.name}`);
  }

  drop(): Promise<void> {
    return this.onServer(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }

  private async onServer(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
