import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createClient } from 'redis';

/** Server-side counters read before and after a run; their differences are what the run cost. */
export interface Counters {
  at: number;
  /** Transactions committed and rolled back in the benchmark's database (each query of the app is one). */
  dbTransactions: number;
  redisCommands: number;
  /** CPU seconds of the Redis server. */
  redisCpu: number;
  /** CPU seconds per process: the API instances, the balancer, and the PostgreSQL backends of the database. */
  apiCpu: number;
  balancerCpu: number;
  /** By backend pid: a pool may close and open connections during a run. */
  postgresCpu: Map<number, number>;
}

/**
 * CPU seconds the PostgreSQL backends spent between two readings: backends alive at the end count from their
 * first reading (or from their start, if they opened during the run); those that closed meanwhile are lost.
 */
export function postgresCpuBetween(before: Counters, after: Counters): number {
  let total = 0;
  for (const [pid, seconds] of after.postgresCpu) total += seconds - (before.postgresCpu.get(pid) ?? 0);
  return total;
}

const CLOCK_TICKS = 100;

/** User plus system CPU seconds of a process (0 when it is gone), from /proc. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

function info(text: string, field: string): number {
  const match = new RegExp(`^${field}:([\\d.]+)`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

export class CounterReader {
  private constructor(
    private readonly db: pg.Client,
    private readonly redis: ReturnType<typeof createClient>,
    private readonly database: string,
  ) {}

  static async open(databaseUrl: string, redisUrl: string): Promise<CounterReader> {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    return new CounterReader(db, redis, new URL(databaseUrl).pathname.slice(1));
  }

  /** PostgreSQL backends serving the database now (the instances' pools), this reader's own excluded. */
  async backendPids(): Promise<number[]> {
    const { rows } = await this.db.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [this.database],
    );
    return rows.map((r) => r.pid);
  }

  async read(apiPids: number[], balancerPid: number): Promise<Counters> {
    const postgresPids = await this.backendPids();
    const { rows } = await this.db.query<{ xacts: string }>(
      'SELECT xact_commit + xact_rollback AS xacts FROM pg_stat_database WHERE datname = $1',
      [this.database],
    );
    const stats = await this.redis.info('stats');
    const cpu = await this.redis.info('cpu');
    const sum = (pids: number[]) => pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
    return {
      at: Date.now(),
      dbTransactions: Number(rows[0].xacts),
      redisCommands: info(stats, 'total_commands_processed'),
      redisCpu: info(cpu, 'used_cpu_user') + info(cpu, 'used_cpu_sys'),
      apiCpu: sum(apiPids),
      balancerCpu: cpuSeconds(balancerPid),
      postgresCpu: new Map(postgresPids.map((pid) => [pid, cpuSeconds(pid)])),
    };
  }

  async flushRedis(): Promise<void> {
    await this.redis.flushAll();
  }

  async close(): Promise<void> {
    await this.db.end();
    this.redis.destroy();
  }
}
