import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../../scripts/adr/records.ts';
import { buildIndex } from './model.ts';
import remarkAdrBanner, { bannerFor } from './remark-banner.ts';

const record = (n: number, fm: Record<string, unknown>) =>
  parseRecord(`---\n${Object.entries({ title: `Decision ${n}`, status: 'accepted', date: '2025-01-0' + n, ...fm }).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')}\n---\n# D\n`, `adr/000${n}-d${n}.md`, n);

describe('adr-index model', () => {
  it('builds entries, filters and a graph of supersedes and forward links only', () => {
    const data = buildIndex(
      [
        record(1, { status: 'superseded', 'superseded-by': 2, tags: ['cache'], title: 'Use "quotes" <and> [brackets]' }),
        record(2, { supersedes: [1], links: [{ type: 'amends', target: 3 }], tags: ['cache', 'perf'] }),
        record(3, { links: [{ type: 'amended-by', target: 2 }] }),
        record(4, { status: 'proposed' }),
      ],
      (rel) => `/adr/${rel.slice(9, -3)}`,
    );
    expect(data.records.map((r) => [r.number, r.status, r.url])).toEqual([[1, 'superseded', '/adr/d1'], [2, 'accepted', '/adr/d2'], [3, 'accepted', '/adr/d3'], [4, 'proposed', '/adr/d4']]);
    expect(data.statuses).toEqual(['proposed', 'accepted', 'superseded']);
    expect(data.tags).toEqual(['cache', 'perf']);
    const edges = data.graph.split('\n').filter((l) => l.includes('->'));
    expect(edges).toEqual(['  adr2 -->|supersedes| adr1', '  adr2 -.->|amends| adr3']);
    expect(data.graph).not.toContain('adr4');
    expect(data.graph).toContain('ADR 1: Use #34;quotes#34; #60;and#62; #91;brackets#93;');
    expect(buildIndex([record(4, {})], () => undefined).records).toEqual([]);
  });
});

describe('remark banner', () => {
  it('adds a warning with a link to the successor file after the title', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-banner-'));
    try {
      writeFileSync(path.join(dir, '0001-old.md'), '---\ntitle: Old\n---\n');
      writeFileSync(path.join(dir, '0002-new.md'), '---\ntitle: "New: better"\nstatus: accepted\n---\n');
      const tree = { type: 'root', children: [{ type: 'heading', depth: 1, children: [] }, { type: 'paragraph', children: [] }] };
      remarkAdrBanner()(tree, { path: path.join(dir, '0001-old.md'), data: { frontMatter: { status: 'superseded', 'superseded-by': 2 } } });
      expect(tree.children[1]).toMatchObject({ type: 'containerDirective', name: 'warning' });
      expect(JSON.stringify(tree.children[1])).toContain('"url":"./0002-new.md"');
      expect(JSON.stringify(tree.children[1])).toContain('ADR 2: New: better');
      expect(JSON.stringify(bannerFor({ status: 'deprecated' }, dir))).toContain('Deprecated.');
      expect(bannerFor({ status: 'accepted' }, dir)).toBeUndefined();
      const index = { type: 'root', children: [] as { type: string }[] };
      remarkAdrBanner()(index, { path: path.join(dir, 'index.mdx'), data: { frontMatter: { status: 'superseded' } } });
      expect(index.children).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
