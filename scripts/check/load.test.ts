import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from './check.ts';
import { loadCheckInput } from './load.ts';
import { makeKb, md, removeKb } from './test-support.ts';

const now = new Date('2025-02-01T00:00:00Z');
let root = '';
afterEach(async () => {
  if (root) await removeKb(root);
  root = '';
});

describe('robustness: bad files are findings, the check goes on', () => {
  it('reports broken YAML front matter with its line', async () => {
    root = await makeKb({
      'docs/bad.md': '---\ntitle: ok\ntags: [unclosed\n---\n# Bad\n',
      'docs/good.md': md({ title: 'Good' }),
    });
    const result = await runCheck(root, { now, cacheDir: false });
    expect(result.documents).toBe(1);
    expect(result.findings.map((f) => [f.path, f.rule])).toEqual([['docs/bad.md', 'front-matter-yaml']]);
    expect(result.findings[0]!.line).toBeGreaterThan(1);
  });

  it('reports a binary file with a .md name', async () => {
    root = await makeKb({
      'runbooks/blob.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
      'runbooks/ok.md': md({ title: 'Ok' }),
      'docs/img.png': Buffer.from([0, 1, 2]),
    });
    const result = await runCheck(root, { now, cacheDir: false });
    expect(result.findings.map((f) => [f.path, f.rule, f.severity])).toEqual([
      ['runbooks/blob.md', 'unreadable', 'error'],
    ]);
    expect(result.documents).toBe(1);
  });

  it('reports symlink loops (self link and a folder linking to its parent) without hanging', async () => {
    root = await makeKb({ 'docs/a/page.md': md({ title: 'Page' }) });
    await fs.symlink('self.md', path.join(root, 'docs/self.md'));
    await fs.symlink('..', path.join(root, 'docs/a/loop'));
    const result = await runCheck(root, { now, cacheDir: false });
    expect(result.findings.map((f) => [f.path, f.rule, f.severity])).toEqual([
      ['docs/a/loop', 'unreadable', 'error'],
      ['docs/self.md', 'unreadable', 'error'],
    ]);
    expect(result.findings[0]!.message).toMatch(/loop/);
    expect(result.documents).toBe(1);
  });

  it('reads a symlink to a file like the file', async () => {
    root = await makeKb({ 'docs/real.md': md({ title: 'Real' }) });
    await fs.symlink('real.md', path.join(root, 'docs/alias.md'));
    const input = await loadCheckInput(root);
    expect(input.documents.map((d) => d.path)).toEqual(['docs/alias.md', 'docs/real.md']);
  });

  it('reports a 10 MB Markdown file as too-large and checks the rest', async () => {
    root = await makeKb({
      'docs/huge.md': `# Huge\n\n${'lorem ipsum '.repeat(900_000)}`,
      'docs/ok.md': md({ title: 'Ok' }, '[x](missing.md)\n'),
    });
    const result = await runCheck(root, { now, cacheDir: false });
    expect(result.findings.map((f) => [f.path, f.rule])).toEqual([
      ['docs/huge.md', 'too-large'],
      ['docs/ok.md', 'broken-link'],
    ]);
  });

  it('skips partials (_file.md, _folder/) as Docusaurus does, and copes with missing sections', async () => {
    root = await makeKb({ 'docs/_partial.md': 'no title', 'docs/_snippets/x.md': 'no title' });
    const result = await runCheck(root, { now, cacheDir: false });
    expect(result).toMatchObject({ documents: 0, findings: [] });
  });
});
