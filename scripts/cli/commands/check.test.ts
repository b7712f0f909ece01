import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatFinding } from '../../check/findings.ts';
import { docFm, makeKb, md, removeKb } from '../../check/test-support.ts';
import { main } from '../main.ts';

let root = '';
afterEach(async () => {
  vi.restoreAllMocks();
  if (root) await removeKb(root);
  root = '';
});

async function kb(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const code = await main(argv, { cwd: root, env: process.env });
  vi.restoreAllMocks();
  return { code, out, err };
}

const clean = {
  'docs/index.md': md({ title: 'Home', slug: '/' }),
  'docs/guides/g.md': md(docFm('guide'), '# G\n\n[home](../index.md)\n'),
};

describe('kb check', () => {
  it('exits 0 on a clean knowledge base', async () => {
    root = await makeKb(clean);
    const { code, out } = await kb(['check', '--root', root]);
    expect(code).toBe(0);
    expect(out).toBe('kb check: 2 documents, 0 errors, 0 warnings\n');
  });

  it('prints each finding as path:line: rule: message — fix and exits 1 on an error', async () => {
    root = await makeKb({ ...clean, 'docs/guides/g.md': md(docFm('guide'), '# G\n\n[x](./missing.md)\n') });
    const { code, out, err } = await kb(['check', '--root', root]);
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toBe(
      'docs/guides/g.md:12: broken-link: link to ./missing.md points to docs/guides/missing.md, which does not exist — fix the relative path or create the document',
    );
    expect(err).toMatch(/^kb: errors found/);
  });

  it('fails on warnings only with --strict', async () => {
    root = await makeKb({ ...clean, 'runbooks/r.md': md(docFm('runbook', { 'review-by': '2000-01-01' })) });
    expect((await kb(['check', '--root', root])).code).toBe(0);
    const strict = await kb(['check', '--root', root, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('runbooks/r.md:7: review-overdue: warning: review was due on 2000-01-01');
  });

  it('gives the same findings as data with --json', async () => {
    root = await makeKb({ ...clean, 'docs/bad.md': '---\ntitle: [\n---\n' });
    const { code, out } = await kb(['check', '--root', root, '--json']);
    expect(code).toBe(1);
    const data = JSON.parse(out);
    expect(data).toMatchObject({ ok: false, strict: false, documents: 2, errors: 1, warnings: 0 });
    expect(data.findings).toEqual([
      {
        path: 'docs/bad.md',
        line: expect.any(Number),
        rule: 'front-matter-yaml',
        severity: 'error',
        message: expect.any(String),
        hint: expect.any(String),
      },
    ]);
    const text = await kb(['check', '--root', root]);
    expect(text.out.split('\n')[0]).toBe(formatFinding(data.findings[0]));
  });
});
