#!/usr/bin/env node
// Runs a TypeScript tool (seed, benchmarks) from source:
// tools/ and the API sources are compiled with tsc into tmp/tools and the entry is run from there.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node tools/run-ts.mjs <file.ts> [args...]\n');
  process.exit(2);
}
const out = path.join(root, 'tmp', 'tools');
const compile = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tools/tsconfig.json'), '--outDir', out],
  { cwd: root, stdio: 'inherit' },
);
if (compile.status !== 0) process.exit(compile.status ?? 1);
const compiled = path.join(out, path.relative(root, entry)).replace(/\.ts$/, '.js');
process.argv = [process.argv[0], compiled, ...args];
await import(pathToFileURL(compiled).href);
