import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, serializeMarkdown, yamlOptions } from './front-matter.ts';
import { plainYaml, serializeMarkdownLazily } from './plain-yaml.ts';

const library = (data: Record<string, unknown>) => stringify(data, yamlOptions).trimEnd();

/** Small seeded generator: the same strings on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Every character class the fast path accepts, and the ones it must refuse.
const alphabet = [
  ...'abcXYZ019 ._,()/\'-:#"`[]{}&*!|>%@?~=+\\\t',
  'é',
  'ß',
  '日',
  'Ω',
  '²',
  '’',
  '\u2028',
  '\u00a0',
  '\u0085',
  '\ufeff',
];

describe('plainYaml', () => {
  it('writes exactly what the yaml library writes, whenever it writes anything', () => {
    const next = random(42);
    let fast = 0;
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(next() * 12);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      if (next() < 0.5) text = `A${text}`;
      const data = { title: text, tags: [text], links: [{ type: text, target: 3 }] };
      const out = plainYaml(data);
      if (out === undefined) continue;
      fast++;
      expect(out, JSON.stringify(text)).toBe(library(data));
      expect(parseMarkdown(`---\n${out}\n---\n`).data).toEqual(data);
    }
    // The generator must exercise the fast path, not only the fallback.
    expect(fast).toBeGreaterThan(1_000);
  });

  it('takes the fast path for ordinary ADR front matter', () => {
    const data = {
      adr: 12,
      title: "Use Redis Cluster for L2 cache (v2, team's choice)",
      status: 'proposed',
      date: '2026-01-15',
      'decision-makers': ['Platform team', 'Ana Núñez'],
      consulted: [],
      informed: [],
      tags: ['cache', 'redis'],
      supersedes: [3, 4],
      links: [{ type: 'amends', target: 2 }],
    };
    expect(plainYaml(data)).toBe(library(data));
    expect(plainYaml({ title: 'x'.repeat(200) })).toBe(library({ title: 'x'.repeat(200) }));
  });

  it('leaves hostile or typed-looking values to the library', () => {
    for (const title of [
      'a: b',
      'a #b',
      'true',
      'Null',
      '1e3',
      '0042',
      '"quoted"',
      "'quoted'",
      '- item',
      'trailing ',
      'line\nbreak',
      '{x}',
      '[x]',
      'a `b`',
      '&anchor',
      '*alias',
      '!tag',
      '|',
      '>',
      '%',
      '@',
      '?x',
      '~',
    ]) {
      expect(plainYaml({ title }), title).toBeUndefined();
    }
    expect(plainYaml({ n: -1 })).toBeUndefined();
    expect(plainYaml({ n: 1.5 })).toBeUndefined();
    expect(plainYaml({ nested: { a: 1 } })).toBeUndefined();
    expect(plainYaml({ list: [[1]] })).toBeUndefined();
    expect(plainYaml({ list: [{}] })).toBeUndefined();
    expect(plainYaml({})).toBeUndefined();
  });

  it('serializeMarkdownLazily matches serializeMarkdown on both paths', async () => {
    for (const title of ['Plain title', 'Use {Redis}: <Cluster> | "L2" #cache', 'true']) {
      const data = { adr: 1, title, description: undefined, tags: [] };
      expect(await serializeMarkdownLazily(data, '\n# Body\n')).toBe(serializeMarkdown(data, '\n# Body\n'));
    }
  });
});
