import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Writes a results page under docs/benchmarks, formatted like the rest of docs/ (`npm run lint` checks it). */
export function writeResults(file: string, text: string): void {
  writeFileSync(file, text);
  spawnSync(process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--write', file], { stdio: 'ignore' });
}

/**
 * Replaces one benchmark's section of a shared results page (from its `begin` marker to its `end` marker, both
 * included in `section`), or appends it; the rest of the page is kept.
 */
export function writeSection(file: string, emptyPage: string, begin: string, end: string, section: string): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : emptyPage;
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  writeResults(
    file,
    start >= 0 && stop > start
      ? `${current.slice(0, start)}${section}${current.slice(stop + end.length)}`
      : `${current.trimEnd()}\n\n${section}\n`,
  );
}
