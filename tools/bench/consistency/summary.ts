import type { ConsistencyReport, StaleRead } from './checker.js';

export interface StaleGroup {
  operation: string;
  faults: string;
  count: number;
  maxStaleForMs: number;
  example: StaleRead;
}

/** Stale reads grouped by operation and the faults in force, largest group first. */
export function groupStale(stale: StaleRead[]): StaleGroup[] {
  const groups = new Map<string, StaleGroup>();
  for (const read of stale) {
    const faults = read.faults.length ? [...new Set(read.faults)].join('+') : 'none';
    const key = `${read.operation}|${faults}`;
    const group = groups.get(key) ?? { operation: read.operation, faults, count: 0, maxStaleForMs: 0, example: read };
    group.count++;
    group.maxStaleForMs = Math.max(group.maxStaleForMs, read.staleForMs);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** A few lines for a terminal or a failing test's message. */
export function summarize(report: ConsistencyReport): string {
  const lines = [
    `${report.operations} operations in ${(report.durationMs / 1000).toFixed(1)} s, faults ${JSON.stringify(report.faults)}`,
    `stale reads: ${report.stale.length} (tolerated while Redis was unreachable: ${report.toleratedStale})`,
    ...groupStale(report.stale).map(
      (g) =>
        `  ${g.operation} during ${g.faults}: ${g.count}, stale up to ${g.maxStaleForMs} ms, e.g. ${JSON.stringify(g.example)}`,
    ),
    `unexpected answers: ${JSON.stringify(report.errors)}; failovers ${report.failovers}, unavailable ${report.unavailable}, timeouts ${report.timeouts}`,
  ];
  return lines.join('\n');
}
