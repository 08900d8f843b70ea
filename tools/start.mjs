#!/usr/bin/env node
// `npm start`: builds what changed (nx caches the rest), then runs the API, which serves the dashboard too.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/nx/dist/bin/nx.js'),
    'run-many',
    '-t',
    'build',
    '--projects=@league/api,@league/dashboard',
    '--outputStyle=stream',
  ],
  {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  },
);
if (build.status !== 0) {
  process.stderr.write('Build failed\n');
  process.exit(build.status ?? 1);
}
process.chdir(root);
await import(pathToFileURL(path.join(root, 'dist/apps/api/main.js')).href);
