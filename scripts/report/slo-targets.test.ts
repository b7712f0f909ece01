import { readFile } from 'node:fs/promises';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseSloTargets } from './slo-targets.ts';

// parseSloTargets reads with js-yaml and falls back to `yaml` (slo-targets.ts, readYaml): the two must agree
// on every text they both read, or a targets file would mean one thing to kb and another to its editor.
const fastRead = (text: string) => load(text, { schema: CORE_SCHEMA }) ?? null;
const documentRead = (text: string) => parseDocument(text).toJS();

describe('slo-targets.yaml is read as YAML 1.2 core', () => {
  it('reads the bundled targets file as the yaml package does', async () => {
    const text = await readFile(new URL('../../slo-targets.yaml', import.meta.url), 'utf8');
    expect(fastRead(text)).toEqual(documentRead(text));
  });

  it.each([
    ['empty file', ''],
    ['comments only', '# nothing yet\n'],
    ['null spellings', 'a: ~\nb: null\nc:\n'],
    ['numbers', 'a: 1\nb: -2.5\nc: 1e3\nd: .inf\ne: -.Inf\nf: 0x1F\ng: 0o17\nh: 012\n'],
    ['YAML 1.1 words stay strings', 'a: yes\nb: no\nc: on\nd: off\ne: y\n'],
    ['booleans', 'a: true\nb: False\nc: TRUE\n'],
    ['dates stay strings', 'a: 2026-01-05\nb: 2026-01-05T10:00:00Z\n'],
    ['quoted and block strings', "a: \"p95 < 200 ms\"\nb: 'it''s'\nc: |\n  two\n  lines\nd: >\n  folded\n  text\n"],
    ['flow collections', 'a: [1, "two", {b: 3}]\nc: {d: [], e: {}}\n'],
    ['anchors and aliases', 'a: &x {b: 1}\nc: *x\n'],
    ['merge key is a plain key in 1.2', 'a: &x {b: 1}\nc:\n  <<: *x\n'],
    ['unicode', 'title: "Zeit ≤ 200 ms — p95"\nnote: naïve\n'],
  ])('%s', (_name, text) => {
    expect(fastRead(text)).toEqual(documentRead(text));
  });

  it('names the line of a syntax error, as the yaml package reports it', () => {
    const r = parseSloTargets('version: 1\ntargets:\n  - id: a\n   title: [x\n');
    expect(r.value).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ field: expect.stringMatching(/^line \d+$/), hint: 'fix the YAML syntax' });
    expect(r.errors[0]!.message).toMatch(/^YAML does not parse: /);
  });

  it('refuses a duplicate key', () => {
    const r = parseSloTargets('version: 1\nversion: 1\ntargets: []\n');
    expect(r.errors[0]).toMatchObject({ hint: 'fix the YAML syntax' });
  });

  it('refuses an empty file as a missing version, not a crash', () => {
    const r = parseSloTargets('');
    expect(r.value).toBeUndefined();
    expect(r.errors[0]!.field).toBe('(root)');
  });
});
