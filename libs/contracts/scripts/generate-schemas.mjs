#!/usr/bin/env node
// Derives the JSON Schemas of every wire type from the TypeScript types in src/ (the one source of truth) and
// writes them to schemas/wire-schemas.json, ready to be the OpenAPI document's components.schemas.
// `--check` writes nothing and exits 1 when the committed file differs from what the types say.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { createGenerator } from 'ts-json-schema-generator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'schemas', 'wire-schemas.json');

/** Strings that carry an instant are ISO 8601 date-times; the names say which ones (`created_at`, `as_of` ...). */
const TIMESTAMP_NAME = /(_at|^as_of|^since|^timestamp|^first_seen|^last_seen|^last_login)$/;

/** Generic instances (`Page<League>`) take the name of their alias in pages.ts (`LeaguePage`). */
const aliasOf = new Map();

/** `Page<League>` is not a valid component name; an instance without an alias becomes `LeaguePage` too. */
function componentName(name) {
  if (aliasOf.has(name)) return aliasOf.get(name);
  const generic = /^(\w+)<(\w+)>$/.exec(name);
  return generic ? `${generic[2]}${generic[1]}` : name;
}

function isStringType(schema) {
  return schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
}

/** Rewrites refs to components, marks timestamps, and recurses through every nested schema. */
function adapt(schema) {
  if (Array.isArray(schema)) return schema.map(adapt);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = `#/components/schemas/${componentName(decodeURIComponent(value.replace('#/definitions/', '')))}`;
    } else if (key === 'properties') {
      out.properties = {};
      for (const [name, property] of Object.entries(value)) {
        const adapted = adapt(property);
        if (TIMESTAMP_NAME.test(name) && isStringType(adapted) && !adapted.format) adapted.format = 'date-time';
        out.properties[name] = adapted;
      }
    } else {
      out[key] = adapt(value);
    }
  }
  return out;
}

async function generateWireSchemas() {
  const generated = createGenerator({
    path: path.join(root, 'src', 'index.ts'),
    tsconfig: path.join(root, 'tsconfig.json'),
    type: '*',
    expose: 'export',
    topRef: true,
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: true,
  }).createSchema('*');
  const definitions = generated.definitions;
  for (const [name, schema] of Object.entries(definitions)) {
    const target =
      Object.keys(schema).length === 1 ? decodeURIComponent(schema.$ref ?? '').replace('#/definitions/', '') : '';
    if (target.includes('<')) {
      aliasOf.set(target, name);
      delete definitions[name];
    }
  }
  const schemas = {};
  for (const [name, schema] of Object.entries(definitions)) schemas[componentName(name)] = adapt(schema);
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  // Formatted as the repository's prettier would, so that `prettier --check` and `--check` here agree.
  return prettier.format(JSON.stringify(sorted), { ...(await prettier.resolveConfig(target)), filepath: target });
}

const fresh = await generateWireSchemas();
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    /* missing: differs */
  }
  if (committed !== fresh) {
    process.stderr.write(
      `${path.relative(process.cwd(), target)} is out of date with the types in libs/contracts/src: ` +
        'run `npm run build -w @league/contracts` and commit it\n',
    );
    process.exit(1);
  }
} else {
  writeFileSync(target, fresh);
}
