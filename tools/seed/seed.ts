// `npm run seed -- [--scale small|large] [--users N] [--leagues M] [--days D] [--trades T] [--seed S]`
// Loads demo data into DATABASE_URL (from the app configuration) with COPY and a progress bar.
import cliProgress from 'cli-progress';
import { loadConfig } from '../../apps/api/src/config/config.js';
import { migrate } from '../../apps/api/src/database/migrate.js';
import {
  DEMO_PASSWORD,
  DEMO_PRESETS,
  seedDemoData,
  type DemoDataOptions,
  type SeedProgress,
} from '../../apps/api/src/trading/demo-data/demo-data.js';

const USAGE = `usage: npm run seed -- [--scale small|large] [--users N] [--leagues M] [--days D] [--trades T] [--seed S]
  small (default): ${JSON.stringify(DEMO_PRESETS.small)}
  large:           ${JSON.stringify(DEMO_PRESETS.large)}`;

function parseArgs(argv: string[]): DemoDataOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const [key, inline] = arg.startsWith('--') ? arg.slice(2).split('=', 2) : [null, null];
    const value = inline ?? argv[++i];
    if (!key || value === undefined) fail(`unexpected argument ${arg}`);
    values.set(key!, value);
  }
  const scale = values.get('scale') ?? 'small';
  if (scale !== 'small' && scale !== 'large') fail('--scale must be small or large');
  const options: DemoDataOptions = { ...DEMO_PRESETS[scale as 'small' | 'large'], seed: 42 };
  for (const [key, value] of values) {
    if (key === 'scale') continue;
    if (!['users', 'leagues', 'days', 'trades', 'seed'].includes(key)) fail(`unknown option --${key}`);
    const n = Number(value);
    if (!Number.isInteger(n) || n < (key === 'seed' || key === 'trades' ? 0 : 1))
      fail(`--${key} must be a positive integer`);
    (options as unknown as Record<string, number>)[key] = n;
  }
  if (options.users < 2) fail('--users must be at least 2');
  return options;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  if (!config.databaseUrl) fail('DATABASE_URL must be set (the database to load the demo data into)');
  await migrate(config.databaseUrl!);
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  bar.start(1, 0, { phase: 'prices'.padEnd(9) });
  const summary = await seedDemoData(config.databaseUrl!, options, (p: SeedProgress) => {
    if (p.phase !== phase) {
      phase = p.phase;
      bar.setTotal(p.total);
    }
    bar.update(p.done, { phase: p.phase.padEnd(9) });
  });
  bar.stop();
  const rate = Math.round(summary.trades / (summary.ms / 1000));
  process.stdout.write(
    `Loaded ${summary.users} users, ${summary.leagues} leagues (${summary.archivedLeagues} archived), ` +
      `${summary.members} memberships, ${summary.trades} trades, ${summary.activities} activities, ` +
      `${summary.positions} positions in ${(summary.ms / 1000).toFixed(1)} s (${rate} trades/s overall).\n` +
      `Suspicious traders (bursts, round trips): ${summary.suspiciousUsers.slice(0, 5).join(', ')}\n` +
      `Every demo user's password: ${DEMO_PASSWORD}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Seeding failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
