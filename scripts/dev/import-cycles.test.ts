import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, importsInto } from './import-cycles.ts';

const repo = path.resolve(import.meta.dirname, '..', '..');

describe('import cycles', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kb-cycles-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds type-only, dynamic and longer cycles in a sample tree', () => {
    mkdirSync(path.join(tmp, 'a'), { recursive: true });
    writeFileSync(path.join(tmp, 'a', 'model.ts'), "import type { S } from './schema.ts';\nexport type M = S;\n");
    writeFileSync(path.join(tmp, 'a', 'schema.ts'), "export { x } from './model.ts';\nexport type S = 1;\n");
    writeFileSync(path.join(tmp, 'a', 'p.ts'), "export const p = () => import('./q.ts');\n");
    writeFileSync(path.join(tmp, 'a', 'q.ts'), "import { r } from './r';\nexport const q = r;\n");
    writeFileSync(path.join(tmp, 'a', 'r.ts'), "import { p } from './p.ts';\nexport const r = p;\n");
    writeFileSync(
      path.join(tmp, 'a', 'leaf.ts'),
      "import { r } from './r.ts';\nimport 'node:fs';\nexport const l = r;\n",
    );
    expect(importCycles(tmp, ['a'])).toEqual([
      ['a/model.ts', 'a/schema.ts'],
      ['a/p.ts', 'a/q.ts', 'a/r.ts'],
    ]);
  });

  it('the project has none', () => {
    expect(importCycles(repo, ['scripts', 'src', 'bench', 'e2e'])).toEqual([]);
  });

  it('site plugins use the shared core, never the CLI or kb check internals', () => {
    expect(importsInto(repo, 'src', ['scripts/cli', 'scripts/check'])).toEqual([]);
  });
});
