import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PARSE_FRONT_MATTER } from '@docusaurus/utils';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listContentFiles } from './documents.ts';
import { parseMarkdown } from './front-matter.ts';

// kb and the site must read the same front matter: the site through
// Docusaurus' own parser (gray-matter → js-yaml), kb through parseMarkdown.
// They agree when both give the same value, or kb refuses the file with its
// one-line error (never a silent other value); the site must never refuse
// what kb accepts. The one
// representation kept apart on purpose: a timestamp is the written text in kb
// and a Date in the site; it agrees when the text denotes that instant.

type Reading = { ok: true; data: unknown; body: string } | { ok: false };

async function site(text: string): Promise<Reading> {
  try {
    const { frontMatter, content } = await DEFAULT_PARSE_FRONT_MATTER({
      filePath: 'doc.md',
      fileContent: text,
    } as Parameters<typeof DEFAULT_PARSE_FRONT_MATTER>[0]);
    return { ok: true, data: frontMatter, body: content };
  } catch {
    return { ok: false };
  }
}

function kb(text: string): Reading {
  try {
    const { data, body } = parseMarkdown(text);
    return { ok: true, data, body: body.trim() };
  } catch {
    return { ok: false };
  }
}

/** The instant a YAML 1.1 timestamp denotes (as js-yaml reads it), or undefined. */
function timestamp(text: string): number | undefined {
  const value = parseDocument(`t: ${text}`, { customTags: ['timestamp'] }).toJS().t;
  return value instanceof Date ? value.getTime() : undefined;
}

/** Where the two readings differ, as a list of `path: kb vs site` lines (empty when they agree). */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (b instanceof Date)
    return typeof a === 'string' && timestamp(a) === b.getTime() ? [] : [`${at}: ${String(a)} vs ${b.toISOString()}`];
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length ? a.flatMap((x, i) => differences(x, b[i], `${at}[${i}]`)) : [`${at}: lengths differ`];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`),
    );
  }
  return Object.is(a, b) ? [] : [`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

async function compare(text: string): Promise<string[]> {
  const [k, s] = [kb(text), await site(text)];
  if (!s.ok) return k.ok ? ['the site refuses it, kb reads it'] : [];
  if (!k.ok) return [];
  return [...differences(k.data, s.data), ...(k.body === s.body ? [] : ['body differs'])];
}

const corpus: Record<string, string> = {
  'plain dates': 'date: 2025-01-01\nreview-by: 2025-12-31\n',
  'timestamps with time': 'at: 2025-01-01T10:00:00Z\nspaced: 2025-01-01 10:00:00\nzoned: 2025-01-01T10:00:00+02:00\n',
  'quoted date stays text': 'a: "2025-01-01"\nb: !!str 2025-01-01\n',
  'yes, no, on, off': 'a: yes\nb: no\nc: on\nd: off\ne: Yes\nf: y\ng: n\nh: NO\n',
  booleans: 'a: true\nb: False\nc: TRUE\n',
  'leading zeros and bases': 'a: 007\nb: 0o14\nc: 0x1F\nd: 012\ne: 1_000\nf: 08\ng: 0009\n',
  floats: 'a: 1e3\nb: .5\nc: .inf\nd: -.Inf\ne: .nan\nf: 1.\ng: +12\nh: 6.8523015e+5\n',
  nulls: 'a: ~\nb: null\nc:\nd: Null\n',
  'multi-line strings':
    'a: |\n  line one\n  line two\nb: >-\n  folded\n  text\nc: "quoted\n  continued"\nd: plain\n  continued\ne: |+\n  kept\n\n',
  anchors: 'base: &b\n  x: 1\nuse: *b\nlist: [*b, *b]\n',
  'merge keys': 'base: &b\n  x: 1\n  y: 1\nmerged:\n  <<: *b\n  y: 2\n',
  'duplicate keys': 'a: 1\na: 2\n',
  'tab after colon': 'a:\tvalue\n',
  'tab indentation': 'a:\n\t- x\n',
  'keys that are not strings': '1: one\ntrue: t\nnull: n\n2025-01-01: d\n',
  'exotic tags': 's: !!set {a, b}\n',
  'binary tag': 'b: !!binary aGVsbG8=\n',
  'ordered map tag': 'o: !!omap [ {a: 1}, {b: 2} ]\n',
  'colons and hashes': 'title: "Use X: a decision"\na: x #comment\nb: "#no"\nc: a:b\n',
  'sexagesimal stays text': 'a: 1:30\nb: 190:20:30\n',
  'flow collections': 'tags: [a, b, "c, d"]\nlinks: [{type: amends, target: 3}]\n',
  'unicode and escapes': "a: \"caf\\u00e9\"\nb: 'it''s'\nc: ünïcödé\n",
  'empty front matter': '',
  'only a comment': '# nothing\n',
  'not a mapping': '- a\n- b\n',
};

describe('front matter: kb and the site read the same values', () => {
  it.each(Object.entries(corpus))('%s', async (_name, yaml) => {
    expect(await compare(`---\n${yaml}---\n\n# Title\n\nBody.\n`)).toEqual([]);
  });

  it('CRLF line ends and a byte-order mark', async () => {
    expect(await compare('\ufeff---\r\ntitle: X\r\ndate: 2025-01-01\r\n---\r\n\r\nBody\r\n')).toEqual([]);
  });

  it('merge keys merge; what kb cannot read as the site does is refused, not misread', () => {
    expect(parseMarkdown('---\nb: &b {x: 1}\nm:\n  <<: *b\n---\n').data).toEqual({ b: { x: 1 }, m: { x: 1 } });
    expect(parseMarkdown('---\nnull: n\n1: one\n---\n').data).toEqual({ null: 'n', 1: 'one' });
    expect(parseMarkdown('---\n---\nBody\n')).toMatchObject({ data: {}, body: 'Body\n' });
    for (const [yaml, what] of [
      ['s: !!set {a}', 'the tag !!set'],
      ['o: !!omap [{a: 1}]', 'the tag !!omap'],
      ['2025-01-01: d', 'the date key 2025-01-01'],
    ])
      expect(() => parseMarkdown(`---\n${yaml}\n---\n`, 'a.md')).toThrow(`${what} reads differently on the site`);
  });

  it('every document of this knowledge base', async () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const files = await listContentFiles(root);
    expect(files.length).toBeGreaterThan(50);
    const disagreements: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(root, file), 'utf8');
      // kb refusing a document of the KB is a disagreement here too.
      const found = kb(text).ok ? await compare(text) : ['kb refuses it'];
      disagreements.push(...found.map((d) => `${file}: ${d}`));
    }
    expect(disagreements).toEqual([]);
  });
});
