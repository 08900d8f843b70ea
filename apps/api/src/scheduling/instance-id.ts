import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who runs a job, as shown in the run history: host, process and a random suffix (two processes on one host
 * may reuse a pid after a restart; the suffix keeps their runs apart).
 */
export function makeInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
