#!/usr/bin/env node
// Generates the typed client from the API: exports the OpenAPI document the API serves (openapi.json), then its
// TypeScript types with openapi-typescript (src/schema.ts). Needs the API built (dist/apps/api).
// `--check` writes nothing and exits 1 when the committed files differ from what the API gives today.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.resolve(root, '../..');
const documentFile = path.join(root, 'openapi.json');
const schemaFile = path.join(root, 'src', 'schema.ts');
const exporter = path.join(workspace, 'dist/apps/api/openapi-export.js');

async function format(text, filepath) {
  return prettier.format(text, { ...(await prettier.resolveConfig(filepath)), filepath });
}

const scratch = mkdtempSync(path.join(tmpdir(), 'api-client-'));
try {
  const exported = path.join(scratch, 'openapi.json');
  const run = spawnSync(process.execPath, [exporter, exported], { cwd: workspace, stdio: 'inherit' });
  if (run.status !== 0) {
    process.stderr.write(`Could not export the OpenAPI document: build the API first (${exporter})\n`);
    process.exit(1);
  }
  const document = await format(readFileSync(exported, 'utf8'), documentFile);
  // A request field with a default is still optional to send.
  const types = astToString(await openapiTS(JSON.parse(document), { defaultNonNullable: false }));
  const schema = await format(
    `/** Generated from openapi.json by openapi-typescript (npm run generate -w @league/api-client). */\n${types}`,
    schemaFile,
  );
  const outputs = [
    [documentFile, document],
    [schemaFile, schema],
  ];
  if (process.argv.includes('--check')) {
    const stale = outputs.filter(([file, fresh]) => {
      try {
        return readFileSync(file, 'utf8') !== fresh;
      } catch {
        return true;
      }
    });
    for (const [file] of stale) {
      process.stderr.write(
        `${path.relative(workspace, file)} differs from what the API serves: run \`npm run generate -w @league/api-client\` and commit it\n`,
      );
    }
    if (stale.length) process.exit(1);
  } else {
    for (const [file, text] of outputs) writeFileSync(file, text);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
