import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { writeResults } from '../results.js';
import type { ConsistencyReport } from './checker.js';
import { groupStale } from './summary.js';

/** docs/benchmarks/consistency.md: what ran, where, and every stale read found, grouped. */
export function writeConsistencyReport(
  file: string,
  report: ConsistencyReport,
  run: { started: Date; commit: string; command: string; instances: number; faultEveryOps: number },
): void {
  const cpus = os.cpus();
  const groups = groupStale(report.stale);
  const operations = Object.entries(report.byOperation).sort((a, b) => b[1] - a[1]);
  const errors = Object.entries(report.errors);
  const byRoute: Record<string, number> = {};
  for (const t of report.timedOut) byRoute[t.route] = (byRoute[t.route] ?? 0) + 1;
  const timedOut = Object.entries(byRoute).sort((a, b) => b[1] - a[1]);
  writeResults(
    file,
    `# Consistency under faults

Reproduce: \`${run.command}\` (builds the API, starts ${run.instances} instances with \`tools/cluster\` on a new database
and a Redis of its own reached through a fault proxy, runs, stops everything). \`DATABASE_URL\` names the PostgreSQL
server it creates that database on.

Run ${run.started.toISOString()} at commit ${run.commit} on ${cpus.length} × ${cpus[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB,
${os.type()} ${os.release()}, Node ${process.version}.

## What it checks

${report.users} members in ${report.leagues} leagues act at once, each member's operations in sequence, every request
through a random instance (another one when it cannot be reached). Every answer is compared with PostgreSQL at that
moment:

- a member's own portfolio (cash and every position) and own trade count: exactly PostgreSQL's, at once after their
  own trade (read from another instance) and at any time;
- a session after logout: 401 on every instance, from the next request on;
- other members' cash as the leaderboard and the member list show it, and a league's member count: the value after
  the last write acknowledged before the read began, or a later one. A stale value is tolerated only while Redis was
  unreachable (killed, or slowed until the breaker opens, plus ${5} s to recover) and within the entry's TTL.

A fault starts every ${run.faultEveryOps} operations, in turn: Redis killed and restarted empty, subscriber connections
killed (\`CLIENT KILL TYPE pubsub\`), Redis slowed to 200 ms per round trip for 1.5 s, one instance killed (SIGKILL)
and restarted.

## Result

| | |
|---|---|
| operations | ${report.operations} in ${(report.durationMs / 1000).toFixed(0)} s |
| faults | ${Object.entries(report.faults)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} |
| **stale reads (target 0)** | **${report.stale.length}** |
| stale shared reads tolerated while Redis was unreachable | ${report.toleratedStale} |
| 5xx answers | ${report.serverErrors} |
| requests moved to another instance / found none / not answered in 10 s | ${report.failovers} / ${report.unavailable} / ${report.timeouts} |

Operations: ${operations.map(([k, v]) => `${k} ${v}`).join(', ')}.

${errors.length ? `Unexpected answers: ${errors.map(([k, v]) => `${k}: ${v}`).join(', ')}.` : 'No unexpected answer.'}

${timedOut.length ? `Not answered in 10 s, by route: ${timedOut.map(([k, v]) => `${k} ${v}`).join(', ')}.` : ''}

${
  groups.length
    ? `### Stale reads by operation and the faults in force

| operation | faults in force | stale reads | stale for up to | example (expected / got) |
|---|---|---|---|---|
${groups
  .map(
    (g) =>
      `| ${g.operation} | ${g.faults} | ${g.count} | ${g.maxStaleForMs} ms | ${g.example.expected.replace(/\|/g, '/')} / ${g.example.got.replace(/\|/g, '/')} |`,
  )
  .join('\n')}
`
    : 'No stale read.'
}
`,
  );
}

/** The commit being measured, read when the run starts (the API is built then): notes uncommitted changes. */
export function commitNow(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} with uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}
