import { readFileSync } from 'node:fs';

/** What every peer server of the HTTP benchmark is given: its port and the leaderboard body it serves. */
export function peerEnv(): { port: number; body: unknown; redisUrl: string } {
  const port = Number(process.env.PORT);
  const file = process.env.BODY_FILE;
  if (!port || !file) throw new Error('PORT and BODY_FILE are required');
  return {
    port,
    body: JSON.parse(readFileSync(file, 'utf8')) as unknown,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
