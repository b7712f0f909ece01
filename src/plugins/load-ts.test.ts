import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('requireProjectModule', () => {
  it("compiles a project module once: the next process (the next build) takes it from tsx's disk cache", async () => {
    const site = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-load-ts-'));
    // tsx keeps its cache under os.tmpdir(): a folder of this test's own, through TMPDIR.
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-load-ts-tmp-'));
    dirs.push(site, tmp);
    await fs.symlink(path.join(repo, 'node_modules'), path.join(site, 'node_modules'));
    await fs.writeFile(path.join(site, 'package.json'), '{}\n');
    await fs.writeFile(path.join(site, 'answer.ts'), 'export const answer: number = 42;\n');
    const script = [
      `const loaded = await import(${JSON.stringify(path.join(here, 'load-ts.ts'))});`,
      // The repository's package.json has no "type": tsx hands the module over as CommonJS, its exports as default.
      'const { requireProjectModule } = loaded.default ?? loaded;',
      `console.log(requireProjectModule(${JSON.stringify(site)}, 'answer.ts').answer);`,
    ].join('\n');
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repo,
        env: { ...process.env, TMPDIR: tmp },
        encoding: 'utf8',
      }).trim();
    const cached = async () => (await fs.readdir(tmp, { recursive: true })).length;
    expect(run()).toBe('42');
    const afterFirst = await cached();
    expect(afterFirst).toBeGreaterThan(0);
    expect(run()).toBe('42');
    expect(await cached()).toBe(afterFirst);
  });
});
