import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { writeResults } from '../results.js';

export interface CaseResult {
  name: string;
  requests: number;
  serverErrors: number;
  /** Non-2xx other than 5xx, and connection errors. */
  otherFailures: number;
  p99: number;
  recovery: string;
  notes: string[];
  /** 5xx the case expects by design (writes while PostgreSQL is down), outside the load's figures. */
  serverErrorsExpected?: number;
  healedAt?: number;
}

/** docs/benchmarks/faults.md: one row per fault case, then what each case saw. */
export function writeFaultReport(
  file: string,
  results: CaseResult[],
  run: { started: Date; command: string; instances: number; rate: number },
): void {
  const cpus = os.cpus();
  writeResults(
    file,
    `# Fault suite

Reproduce: \`${run.command}\` (builds the API, starts ${run.instances} instances with \`tools/cluster\` behind its
balancer, on a new database reached through a fault proxy and a Redis of its own reached through another, and stops
everything at the end). \`DATABASE_URL\` names the PostgreSQL server it creates that database on.

Run ${run.started.toISOString()} at commit ${commit()} on ${cpus.length} × ${cpus[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB,
${os.type()} ${os.release()}, Node ${process.version}. The instances, the balancer, PostgreSQL, Redis and the load share
the machine's cores: compare figures within a case, not with other machines.

Load: autocannon in a process of its own, ${run.rate} requests/s through the balancer, cycling over cached reads
(leaderboard, league, own portfolio) of 20 leagues. Counts and p99 are the load's own, over the whole case.

| case | requests | 5xx | other failures | p99 | recovery |
|---|---|---|---|---|---|
${results.map((r) => `| ${r.name} | ${r.requests} | ${r.serverErrors} | ${r.otherFailures} | ${r.p99} ms | ${r.recovery} |`).join('\n')}

5xx answers to the load across all cases: ${results.reduce((n, r) => n + r.serverErrors, 0)} (target 0; the trades a
case sends on purpose while PostgreSQL is down are counted in its notes, and must be 503).

${results.map((r) => `## ${r.name}\n\n${r.notes.map((n) => `- ${n}`).join('\n')}\n`).join('\n')}`,
  );
}

/** The commit the run measured (the working tree may differ: see \`git status\`). */
function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
