import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSyntheticKb } from '../../bench/support/synthetic-kb.ts';
import { parseMarkdown } from '../core/front-matter.ts';
import { parseMarkdownFast, tryFast } from './fast-front-matter.ts';

const outcome = (parse: () => unknown) => {
  try {
    return { ok: parse() };
  } catch (error) {
    return { error: String(error) };
  }
};
const same = (text: string) =>
  expect(
    outcome(() => parseMarkdownFast(text, 'x.md')),
    text,
  ).toEqual(outcome(() => parseMarkdown(text, 'x.md')));

describe('parseMarkdownFast', () => {
  it('gives exactly what the core parser gives on tricky front matter', () => {
    const values = [
      'a',
      'Use Redis: now',
      'x # c',
      'yes',
      'True',
      'null',
      '~',
      '1e3',
      '0x1F',
      '010',
      '007',
      '-3',
      '+1',
      '.5',
      '1_000',
      '2025-01-06',
      '2025-1-6',
      '12:30',
      '"q"',
      "'s'",
      '"a\\tb"',
      "'it''s'",
      '[a, b]',
      '[]',
      '[a, "b, c"]',
      '[1, x]',
      '{a: 1}',
      '&anchor x',
      '*alias',
      '!tag x',
      '|',
      '>',
      '"unclosed',
      'Investment & returns',
      'a [b] c',
      'trailing  ',
      "'",
      '-',
      '- a',
    ];
    for (const v of values) same(`---\ntitle: ${v}\n---\n# Body\n`);
    same('---\ntags:\n  - a\n  - 2\nowner: x\n---\nbody');
    same('---\ntags:\n- a\n- b\n---\nbody');
    same('---\nlinks:\n  - type: relates-to\n    target: 3\n---\n');
    same('---\nlinks:\n  - type: relates-to\n    target: 3\n  - type: amends\n    target: 4\nnext: x\n---\n');
    same('---\nlinks:\n- type: relates-to\n  target: 3\n---\n');
    same('---\nlinks:\n  - type: relates-to\n      target: 3\n---\n');
    same('---\nlinks:\n  - type: relates-to\n   target: 3\n---\n');
    same('---\nlinks:\n  - type: a\n    type: b\n---\n');
    same('---\nlinks:\n  - type:\n    target: 3\n---\n');
    same('---\nlinks:\n  - type: a\n    sub:\n      - x\n---\n');
    same('---\nmixed:\n  - plain\n  - type: a\n    target: 1\n  - 3\n---\n');
    same('---\nempty:\nnext: 1\n---\n');
    same('---\n# comment\na: 1\n---\n');
    same('---\n---\nbody');
    same('no front matter\n---\n');
    same('---\r\na: 1\r\n---\r\nbody');
    same('\uFEFF---\na: 1\n---\n');
    same('---\na: 1\n  b: 2\n---\n');
    same('---\nnested:\n  key: value\n---\n');
  });

  it('takes the fast path for catalog-style front matter, ADR links included', () => {
    expect(
      tryFast(
        '---\ntitle: A guide\nkind: guide\ntags:\n  - a\nlinks:\n  - type: relates-to\n    target: 3\n---\n# A\n',
      ),
    ).toBeDefined();
    expect(tryFast('---\ntitle: "a \\" b"\n---\n')).toBeUndefined();
  });

  it('leaves broken YAML to the core parser and its error', () => {
    expect(() => parseMarkdownFast('---\na: 1\na: 2\n---\n', 'x.md')).toThrow(/YAML/);
    expect(() => parseMarkdownFast('---\ntitle: [\n---\n', 'x.md')).toThrow(/YAML/);
  });

  it('agrees with the core parser on every synthetic and real document', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-fast-fm-'));
    try {
      await generateSyntheticKb({ dir, pages: 300 });
      const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
      for (const base of [dir, repo]) {
        for (const section of ['docs', 'runbooks', 'adr', 'reports']) {
          const entries = await fs
            .readdir(path.join(base, section), { recursive: true, withFileTypes: true })
            .catch(() => []);
          for (const e of entries) {
            if (!e.isFile() || !/\.mdx?$/.test(e.name)) continue;
            const text = await fs.readFile(path.join(e.parentPath, e.name), 'utf8');
            let core: ReturnType<typeof parseMarkdown>;
            try {
              core = parseMarkdown(text, e.name);
            } catch {
              continue;
            }
            expect(parseMarkdownFast(text, e.name), e.name).toEqual(core);
          }
        }
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
