import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { ALL_SCHEDULES_OFF, loadConfig, type AppConfig } from '../../src/config/config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface InjectOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface InjectResult<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: TestDatabase;
  request<T = any>(options: InjectOptions): Promise<InjectResult<T>>;
  /** Registers a user and logs in; returns its id and bearer token. */
  signUp(username?: string, role?: 'user' | 'admin'): Promise<{ id: number; token: string; username: string }>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery';
export const ADMIN_PASSWORD = 'admin-test-password';

/** Test configuration: a unique cache prefix per app so parallel test files never share keys. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    REDIS_ENABLED: process.env.TEST_REDIS_URL === '' ? 'false' : 'true',
    ADMIN_PASSWORD,
    CACHE_PREFIX: `t${randomBytes(4).toString('hex')}`,
    SEED_ON_EMPTY: 'false',
    // Tests register and log in many users from one address; the limits have tests of their own.
    RATE_LIMIT_REGISTER: '100000/1m',
    RATE_LIMIT_LOGIN: '100000/1m',
    RATE_LIMIT_PUBLIC: '100000/1m',
    ...ALL_SCHEDULES_OFF,
    ...env,
  });
}

/** Starts the whole application on a fresh database (or `db` when given). Talk to it with `request`. */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    db?: TestDatabase;
    /** Runs before the routes are registered: a test can hook route registration (onRoute) here. */
    beforeInit?: (app: NestFastifyApplication) => void;
  } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const config = testConfig(db.url, options.env);
  const app = await createApp(config);
  options.beforeInit?.(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return testAppOver(app, db, config, !options.db);
}

/** The request/signUp helpers of TestApp over an initialised app; `close` drops `db` when the app owns it. */
export function testAppOver(app: NestFastifyApplication, db: TestDatabase, config: AppConfig, ownDb: boolean): TestApp {
  let counter = 0;
  const request = async <T>({
    method = 'GET',
    url,
    token,
    body,
    headers = {},
  }: InjectOptions): Promise<InjectResult<T>> => {
    const response = await app.inject({
      method,
      url,
      payload: body === undefined ? undefined : (body as object),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    const text = response.body;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.statusCode, body: parsed as T, headers: response.headers };
  };
  return {
    app,
    config,
    db,
    request,
    async signUp(username = `user${Date.now().toString(36)}${counter++}`, role = 'user') {
      const reg = await request<any>({
        method: 'POST',
        url: '/api/auth/register',
        body: { username, email: `${username}@example.com`, password: TEST_PASSWORD },
      });
      if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
      if (role === 'admin') await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [reg.body.id]);
      const login = await request<any>({
        method: 'POST',
        url: '/api/auth/login',
        body: { username, password: TEST_PASSWORD },
      });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
      return { id: reg.body.id as number, token: login.body.token as string, username };
    },
    async close() {
      await app.close();
      if (ownDb) await db.drop();
    },
  };
}
