import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Escapes a value for COPY's text format (NULL is \N). Demo text never holds tabs or newlines, but be safe. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  const s = String(value);
  return /[\t\n\r\\]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : s;
}

/**
 * Streams rows into `COPY ... FROM STDIN` in 256 KB chunks, waiting when PostgreSQL pushes back, so memory stays
 * flat however many rows go through.
 */
export class CopyWriter {
  private readonly stream;
  private chunk: string[] = [];
  private size = 0;
  rows = 0;

  constructor(client: pg.Client, sql: string) {
    this.stream = client.query(copyFrom(sql));
  }

  async row(fields: (string | number | null)[]): Promise<void> {
    const line = fields.map(copyField).join('\t') + '\n';
    this.chunk.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size >= 256 * 1024) await this.flush();
  }

  /** A row already formatted (fields escaped, tab-separated, no newline): the hot path of trades. */
  async raw(line: string): Promise<void> {
    this.chunk.push(line, '\n');
    this.size += line.length + 1;
    this.rows++;
    if (this.size >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    const data = this.chunk.join('');
    this.chunk = [];
    this.size = 0;
    if (!this.stream.write(data)) await once(this.stream, 'drain');
  }

  async end(): Promise<number> {
    await this.flush();
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
    return this.rows;
  }
}
