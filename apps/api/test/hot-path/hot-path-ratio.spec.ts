// The quick variant of `npm run bench:http`: the cached leaderboard of our app (started as `npm start` runs it,
// default settings) against a bare NestJS + Fastify process sending the same body, a few seconds per row,
// interleaved. It prints the ratio and fails only on a gross regression: noise on a shared machine must not.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFileSync } from '@swc/core';
import { interleaved } from '../../../../tools/bench/http/load.js';
import { buildApi, signUp, startOurs } from '../../../../tools/bench/http/ours.js';
import { freePort, startServer, type ServerProcess } from '../../../../tools/bench/http/processes.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const work = path.join(root, 'tmp', `hot-path-ratio-${process.pid}`);
const MIN_RATIO = 0.45;

/** The bare server's sources as runnable ESM (decorators as the app's build emits them). */
function compileBare(): string {
  for (const name of ['bare-app', 'peer-env']) {
    const { code } = transformFileSync(path.join(root, 'tools/bench/http', `${name}.ts`), {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'es6' },
    });
    writeFileSync(path.join(work, `${name}.js`), code);
  }
  return path.join(work, 'bare-app.js');
}

describe('hot path ratio (quick benchmark)', () => {
  let db: TestDatabase;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    mkdirSync(work, { recursive: true });
    buildApi(root);
    db = await createTestDatabase({ migrate: false });
  }, 300_000);
  afterAll(async () => {
    for (const s of servers.reverse()) await s.stop();
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it(`serves a cached leaderboard at ${MIN_RATIO}x or more of a bare NestJS + Fastify endpoint`, async () => {
    const ours = await startOurs({
      root,
      databaseUrl: db.url,
      redisUrl: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
      port: await freePort(),
      adminPassword: 'ratio-admin-password',
      logFile: path.join(work, 'ours.log'),
    });
    servers.push(ours);
    const [league] = await db.query<{ league_id: number }>(
      `SELECT league_id FROM league_members GROUP BY league_id ORDER BY count(*) DESC, league_id LIMIT 1`,
    );
    const token = await signUp(ours.base, `ratio_${Date.now().toString(36)}`);
    const url = `${ours.base}/api/leagues/${league.league_id}/leaderboard`;
    const headers = { authorization: `Bearer ${token}` };
    await (await fetch(url, { headers })).text();
    const hit = await fetch(url, { headers });
    const body = await hit.text();
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const bodyFile = path.join(work, 'leaderboard.json');
    writeFileSync(bodyFile, body);
    const bare = await startServer({
      name: 'bare',
      args: [compileBare()],
      cwd: root,
      env: { ...process.env, BODY_FILE: bodyFile },
      port: await freePort(),
      logFile: path.join(work, 'bare.log'),
      readyPath: '/leaderboard',
    });
    servers.push(bare);
    expect(await (await fetch(`${bare.base}/leaderboard`)).text()).toBe(body);

    const [bareResult, cached] = await interleaved(
      [
        { url: `${bare.base}/leaderboard`, headers: {} },
        { url, headers },
      ],
      2,
      3,
    );
    const ratio = cached.rps / bareResult.rps;
    process.stdout.write(
      `hot path: cached leaderboard ${Math.round(cached.rps)} req/s, bare ${Math.round(bareResult.rps)} req/s, ` +
        `ratio ${ratio.toFixed(2)} (fails below ${MIN_RATIO})\n`,
    );
    expect(cached.non2xx + cached.errors).toBe(0);
    expect(ratio).toBeGreaterThanOrEqual(MIN_RATIO);
  }, 300_000);
});
