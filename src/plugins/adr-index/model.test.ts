import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../../scripts/adr/records.ts';
import { buildIndex, successorsOf } from './model.ts';
import remarkAdrBanner, { bannerFor, createRecordReader } from './remark-banner.ts';

const record = (n: number, fm: Record<string, unknown>) =>
  parseRecord(
    `---\n${Object.entries({ title: `Decision ${n}`, status: 'accepted', date: `2025-01-0${n}`, ...fm })
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join('\n')}\n---\n# D\n`,
    `adr/000${n}-d${n}.md`,
    n,
  );

describe('adr-index model', () => {
  it('builds entries, filters and a graph of supersedes and forward links only', () => {
    const data = buildIndex(
      [
        record(1, {
          status: 'superseded',
          'superseded-by': 2,
          tags: ['cache'],
          title: 'Use "quotes" <and> [brackets]',
        }),
        record(2, { supersedes: [1], links: [{ type: 'amends', target: 3 }], tags: ['cache', 'perf'] }),
        record(3, { links: [{ type: 'amended-by', target: 2 }] }),
        record(4, { status: 'proposed' }),
      ],
      (rel) => `/adr/${rel.slice(9, -3)}`,
    );
    expect(data.records.map((r) => [r.number, r.status, r.url])).toEqual([
      [1, 'superseded', '/adr/d1'],
      [2, 'accepted', '/adr/d2'],
      [3, 'accepted', '/adr/d3'],
      [4, 'proposed', '/adr/d4'],
    ]);
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
      const tree = {
        type: 'root',
        children: [
          { type: 'heading', depth: 1, children: [] },
          { type: 'paragraph', children: [] },
        ],
      };
      remarkAdrBanner()(tree, {
        path: path.join(dir, '0001-old.md'),
        data: { frontMatter: { status: 'superseded', 'superseded-by': 2 } },
      });
      expect(tree.children[1]).toMatchObject({ type: 'containerDirective', name: 'warning' });
      expect(JSON.stringify(tree.children[1])).toContain('"url":"./0002-new.md"');
      expect(JSON.stringify(tree.children[1])).toContain('ADR 2: New: better');
      expect(JSON.stringify(bannerFor({ status: 'deprecated' }, dir))).toContain('Deprecated — no successor recorded.');
      expect(bannerFor({ status: 'accepted' }, dir)).toBeUndefined();
      const index = { type: 'root', children: [] as { type: string }[] };
      remarkAdrBanner()(index, { path: path.join(dir, 'index.mdx'), data: { frontMatter: { status: 'superseded' } } });
      expect(index.children).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A throw-away adr/ folder holding `files` (name → front matter lines). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-banner-'));
  for (const [name, fm] of Object.entries(files)) writeFileSync(path.join(dir, name), `---\n${fm}\n---\n# x\n`);
  return dir;
}
const textOf = (node: unknown): string =>
  JSON.stringify(node)
    .match(/"value":"[^"]*"/g)!
    .map((v) => v.slice(9, -1))
    .join('');
const urlsOf = (node: unknown) => [...JSON.stringify(node).matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);

describe('successors', () => {
  const r = (number: number, more: Partial<Parameters<typeof successorsOf>[2][number]> = {}) => ({
    number,
    supersedes: [],
    links: [],
    ...more,
  });
  it('own superseded-by first, then records superseding it, then records amending it (either end), each once', () => {
    const records = [
      r(1),
      r(2, { supersedes: [1] }),
      r(3, { links: [{ type: 'amends', target: 1 }] }),
      r(4, { links: [{ type: 'relates-to', target: 1 }] }),
      r(5),
      r(6, { links: [{ type: 'clarifies', target: 1 }] }),
    ];
    const own = {
      supersededBy: 5,
      links: [
        { type: 'amended-by', target: 3 },
        { type: 'amended-by', target: 2 },
        { type: 'amended-by', target: 99 },
      ],
    };
    expect(successorsOf(1, own, records).map((s) => [s.record.number, s.relation])).toEqual([
      [5, 'supersedes'],
      [2, 'supersedes'],
      [3, 'amends'],
    ]);
    expect(successorsOf(4, { links: [] }, records)).toEqual([]);
    expect(successorsOf(1, { supersededBy: 1, links: [] }, [r(1)])).toEqual([]);
  });
});

describe('deprecated banner', () => {
  it("links a deprecated record to the record that amends it, with that record's status when not in force", () => {
    const dir = folder({
      '0001-old-cache.md': 'adr: 1\ntitle: Old cache\nstatus: deprecated',
      '0002-new-cache.md': 'adr: 2\ntitle: "New cache: v2"\nstatus: proposed\nlinks:\n  - type: amends\n    target: 1',
      '0003-other.md': 'adr: 3\ntitle: Other\nstatus: accepted\nlinks:\n  - type: relates-to\n    target: 1',
    });
    try {
      const banner = bannerFor({ adr: 1, status: 'deprecated' }, dir);
      expect(urlsOf(banner)).toEqual(['./0002-new-cache.md']);
      expect(textOf(banner)).toBe(
        'Deprecated. This decision no longer applies. It was followed by ADR 2: New cache: v2 (proposed) (which amends it); read it before relying on this one.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every successor: its own superseded-by and a record that supersedes it', () => {
    const dir = folder({
      '0001-a.md': 'adr: 1\ntitle: A\nstatus: deprecated\nsuperseded-by: 3',
      '0002-b.md': 'adr: 2\ntitle: B\nstatus: accepted\nsupersedes: [1]',
      '0003-c.md': 'adr: 3\ntitle: C\nstatus: accepted',
    });
    try {
      const banner = bannerFor({ adr: 1, status: 'deprecated', 'superseded-by': 3 }, dir);
      expect(urlsOf(banner)).toEqual(['./0003-c.md', './0002-b.md']);
      expect(textOf(banner)).toContain(
        'followed by ADR 3: C (which supersedes it) and ADR 2: B (which supersedes it); read them',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says plainly when no successor is recorded', () => {
    const dir = folder({
      '0001-a.md': 'adr: 1\ntitle: A\nstatus: deprecated',
      '0002-b.md': 'adr: 2\ntitle: B\nstatus: accepted\nlinks:\n  - type: relates-to\n    target: 1',
    });
    try {
      const banner = bannerFor({ adr: 1, status: 'deprecated' }, dir);
      expect(urlsOf(banner)).toEqual([]);
      expect(textOf(banner)).toMatch(
        /^Deprecated — no successor recorded\. This decision no longer applies and no record supersedes or amends it/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a superseded record without superseded-by finds the record that supersedes it; the plugin takes the number from the file name', () => {
    const dir = folder({
      '0004-a.md': 'title: A\nstatus: superseded',
      '0005-b.md': 'adr: 5\ntitle: B\nstatus: accepted\nsupersedes: [4]',
      '0006-bad.md': 'title: [unclosed',
    });
    try {
      const tree = { type: 'root', children: [{ type: 'heading', depth: 1, children: [] }] };
      remarkAdrBanner()(tree, {
        path: path.join(dir, '0004-a.md'),
        data: { frontMatter: { title: 'A', status: 'superseded' } },
      });
      expect(urlsOf(tree.children[1])).toEqual(['./0005-b.md']);
      expect(textOf(tree.children[1])).toBe(
        'Superseded. This decision was replaced by ADR 5: B. Read that record for the decision in force.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the record reader re-reads a record only when it changed', () => {
    const dir = folder({ '0001-a.md': 'adr: 1\ntitle: A\nstatus: deprecated' });
    try {
      const read = createRecordReader();
      expect(read(dir).map((s) => s.title)).toEqual(['A']);
      writeFileSync(
        path.join(dir, '0002-b.md'),
        '---\nadr: 2\ntitle: B\nstatus: accepted\nlinks:\n  - type: amends\n    target: 1\n---\n',
      );
      writeFileSync(path.join(dir, '0001-a.md'), '---\nadr: 1\ntitle: A renamed\nstatus: deprecated\n---\n');
      expect(read(dir).map((s) => s.title)).toEqual(['A renamed', 'B']);
      expect(urlsOf(bannerFor({ adr: 1, status: 'deprecated' }, dir, 1, read))).toEqual(['./0002-b.md']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
