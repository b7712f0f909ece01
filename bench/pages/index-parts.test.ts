import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { describeParts, indexPartKind, searchIndexParts } from './index-parts.ts';

describe('indexPartKind', () => {
  it("recognises Pagefind's files and search-local's lunr index", () => {
    expect(indexPartKind('pagefind/index/en_3f9a1c2.pf_index')).toBe('index');
    expect(indexPartKind('pagefind/fragment/en_3f9a1c2.pf_fragment')).toBe('fragment');
    expect(indexPartKind('pagefind/filter/en_3f9a1c2.pf_filter')).toBe('filter');
    expect(indexPartKind('pagefind/pagefind.en_90d8b77c2c.pf_meta')).toBe('meta');
    expect(indexPartKind('pagefind/wasm.en.pagefind')).toBe('wasm');
    expect(indexPartKind('pagefind/pagefind-entry.json')).toBe('entry');
    expect(indexPartKind('pagefind/pagefind.js')).toBe('script');
    expect(indexPartKind('pagefind/pagefind-worker.js')).toBe('script');
    expect(indexPartKind('search-index.json')).toBe('lunr index (search-local)');
    expect(indexPartKind('docs/search-index-docs-default-current.json')).toBe('lunr index (search-local)');
    expect(indexPartKind('pagefind/pagefind-ui.css')).toBeUndefined();
    expect(indexPartKind('docs/guide.html')).toBeUndefined();
  });
});

describe('searchIndexParts', () => {
  it('measures compressed chunks as they are and JSON/JS as gzip -9', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kb-index-parts-'));
    try {
      await mkdir(path.join(dir, 'pagefind', 'index'), { recursive: true });
      const chunk = gzipSync(Buffer.from('x'.repeat(5000)));
      await writeFile(path.join(dir, 'pagefind', 'index', 'en_abc1234.pf_index'), chunk);
      await writeFile(path.join(dir, 'pagefind', 'pagefind-entry.json'), JSON.stringify({ a: 'y'.repeat(5000) }));
      await writeFile(path.join(dir, 'index.html'), '<html></html>');
      const parts = await searchIndexParts(dir);
      expect(parts.map((p) => [p.file, p.kind])).toEqual([
        ['pagefind/index/en_abc1234.pf_index', 'index'],
        ['pagefind/pagefind-entry.json', 'entry'],
      ]);
      expect(parts[0]!.transfer).toBe(chunk.length);
      expect(parts[1]!.transfer).toBeLessThan(parts[1]!.raw);
      expect(describeParts(parts)[0]).toMatch(
        /^ {2}index: 1 file, \d+ KB in all, largest pagefind\/index\/en_abc1234\.pf_index \d+ KB$/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
