import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The committed JSON Schemas (what the OpenAPI document serves) are the ones the TypeScript types give today. */
describe('wire schemas', () => {
  it('match the types of libs/contracts', () => {
    const check = spawnSync(process.execPath, ['libs/contracts/scripts/generate-schemas.mjs', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
