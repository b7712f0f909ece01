import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateSyntheticKb } from './synthetic-kb.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kb-synthetic-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function frontMatterOf(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  expect(match, 'page starts with front matter').not.toBeNull();
  return parse(match![1]!) as Record<string, unknown>;
}

describe('generateSyntheticKb', () => {
  it('writes N pages across the four sections with valid front matter and a Mermaid block every tenth page', async () => {
    const dir = await tempDir();
    const kb = await generateSyntheticKb({ dir, pages: 50, seed: 7 });
    expect(kb.pages).toHaveLength(50);
    expect(kb.counts.docs + kb.counts.runbooks + kb.counts.adr + kb.counts.reports).toBe(50);
    expect(Object.values(kb.counts).every((n) => n > 0)).toBe(true);
    expect(kb.pages.filter((p) => p.hasMermaid)).toHaveLength(5);
    for (const page of kb.pages) {
      const text = await readFile(path.join(dir, page.file), 'utf8');
      const fm = frontMatterOf(text);
      expect(typeof fm.title, page.file).toBe('string');
      expect(fm.id, `${page.file}: id is a Docusaurus routing key`).toBeUndefined();
      expect(fm.slug, page.file).toBeUndefined();
      if (page.section === 'adr') {
        expect(fm.adr, page.file).toEqual(expect.any(Number));
        expect(fm['decision-makers'], page.file).toEqual(expect.any(Array));
      } else {
        expect(fm.kind, page.file).toBe(page.kind);
        expect(fm.date, page.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      if (page.section === 'runbooks') expect(fm['review-by'], page.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(text.includes('```mermaid'), page.file).toBe(page.hasMermaid);
      expect(text, page.file).toMatch(/\n\|---/);
      expect(text.length, `${page.file} has realistic size`).toBeGreaterThan(1500);
    }
    await expect(readFile(path.join(dir, 'docs/index.md'), 'utf8')).resolves.toMatch(/slug: \//);
  });

  it('is deterministic for a seed', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const first = await generateSyntheticKb({ dir: a, pages: 20, seed: 3 });
    const second = await generateSyntheticKb({ dir: b, pages: 20, seed: 3 });
    expect(second.pages).toEqual(first.pages);
    const file = first.pages[3]!.file;
    expect(await readFile(path.join(b, file), 'utf8')).toBe(await readFile(path.join(a, file), 'utf8'));
  });
});

describe('generateSyntheticKb at 1,000 pages', () => {
  it('gives every page its own URL (Docusaurus drops NNNN- prefixes from doc ids)', async () => {
    const dir = await tempDir();
    const kb = await generateSyntheticKb({ dir, pages: 1000, seed: 1 });
    const urls = kb.pages.map((p) => p.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls.filter((u) => /\/\d{4}-/.test(u))).toEqual([]);
  });
});
