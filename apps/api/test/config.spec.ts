import { ConfigError, loadConfig } from '../src/config/config.js';

describe('configuration', () => {
  it('has safe defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.cache.prefix).toBe('league');
    expect(config.cache.operationTimeoutMs).toBe(50);
    expect(config.corsOrigins).toEqual([]);
  });

  it('parses durations and TTL overrides', () => {
    const config = loadConfig({ SESSION_TTL: '2h', CACHE_TTL_LEADERBOARD: '90s', CACHE_OPERATION_TIMEOUT: '75ms' });
    expect(config.sessionTtlMs).toBe(7_200_000);
    expect(config.cache.ttlOverrides.leaderboard).toBe(90_000);
    expect(config.cache.operationTimeoutMs).toBe(75);
  });

  it.each([
    ['PORT', 'eighty', /PORT.*integer from 0 to 65535/],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL.*postgres/],
    ['REDIS_URL', 'not a url', /REDIS_URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL.*one of fatal, error/],
    ['DATABASE_POOL_SIZE', '0', /DATABASE_POOL_SIZE/],
    ['CACHE_PREFIX', 'has space', /CACHE_PREFIX/],
    ['CACHE_TTL_QUOTE', 'soon', /CACHE_TTL_QUOTE.*duration/],
    ['REDIS_ENABLED', 'maybe', /REDIS_ENABLED.*true or false/],
    ['MARKET_HOURS', '9-5', /MARKET_HOURS/],
    ['TRUST_PROXY', 'true', /TRUST_PROXY.*number of proxy hops/],
    ['RATE_LIMIT_REGISTER', '10', /RATE_LIMIT_REGISTER.*10\/1h/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('takes TRUST_PROXY as a hop count or a list of addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toEqual(['10.0.0.0/8', '::1']);
  });

  it('never loads the demo accounts into a production database unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).seedOnEmpty).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SEED_ON_EMPTY: 'true' }).seedOnEmpty).toBe(true);
    expect(loadConfig({}).seedOnEmpty).toBe(true);
  });

  it('never echoes a secret in a configuration error', () => {
    const attempt = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    const message = attempt({ DATABASE_URL: 'mysql://app:s3cret-pw@db:3306/x' });
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).not.toMatch(/s3cret-pw/);
    expect(attempt({ REDIS_URL: 'http://:hunter2@redis:6379' })).not.toMatch(/hunter2/);
  });
});
