import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cutFrontMatter, frontMatterFence } from '../core/fence.ts';
import { mirrorHead, renderMirror } from './markdown.ts';
import { buildPageRecord } from './records.ts';
import { FRONT_MATTER, runMirrorBody } from './run-mirror-body.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const frontMatter = {
  title: 'k6 api — 1 Nov 2026: 1 of 2 targets met',
  description: 'k6 run of suite api.',
  kind: 'benchmark-report',
  date: '2026-11-01',
  tags: ['benchmark', 'k6'],
  'slo-verdicts': [{ target: 'p99', verdict: 'pass', value: 12, unit: 'ms' }],
};
const record = (body: string) =>
  buildPageRecord(
    { path: 'reports/runs/api-1.md', section: 'reports', frontMatter, body },
    { url: '/reports/runs/api-1', title: frontMatter.title, description: frontMatter.description },
  );
const links = new Map([['docs/x.md', '/docs/x.md']]);
/** The mirror as every other page's is rendered: the body as ai-readable read it, through renderMirror. */
const rendered = (text: string) => renderMirror(record(cutFrontMatter(text).body.replace(/^\n/, '')), links);
const fm = '---\ntitle: "x"\n---\n';

describe('runMirrorBody', () => {
  it('cuts front matter as the rest of kb does', () => {
    expect(FRONT_MATTER.source).toBe(frontMatterFence.source);
  });

  it('gives, after the head, the mirror renderMirror would write', () => {
    const texts = [
      `${fm}\nk6 run.\n\n## Summary\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n`,
      `${fm}\n\n\n  body after blank lines\n \t\n`,
      '---\r\ntitle: x\r\n---\r\n\r\nCRLF body\r\n',
      'no front matter\n',
      `${fm}`,
      `${fm}\n`,
      `${fm}\n\u00a0nbsp at both ends\u00a0\n`,
      `${fm}\nline\u2028separator\u2028\n`,
      `${fm}\nC# and F# are languages; ## not a title\n`,
      `${fm}\n<div className="kb-summary">\n\nü — 5 µs\n\n</div>\n`,
    ];
    for (const text of texts) {
      const body = runMirrorBody(text);
      expect(body, JSON.stringify(text)).toBeDefined();
      expect(`${mirrorHead(record(''))}${body}\n`, JSON.stringify(text)).toBe(rendered(text));
    }
  });

  it('hands back what the mirror rewrites: a .md link, a truncate marker, a heading that may be the title', () => {
    for (const text of [
      `${fm}\nSee [x](../../docs/x.md).\n`,
      `${fm}\nIntro.\n\n<!-- truncate -->\n\nMore.\n`,
      `${fm}\n# ${frontMatter.title}\n\nBody.\n`,
      `${fm}\n  #\tIndented title\n`,
      `${fm}\nText\u2028# heading after a line separator\n`,
    ])
      expect(runMirrorBody(text), JSON.stringify(text)).toBeUndefined();
  });

  it('takes every run page kb ingest wrote into this knowledge base as it is', () => {
    const dir = path.join(root, 'reports/runs');
    const pages = readdirSync(dir).filter((name) => name.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(10);
    for (const name of pages) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      expect(runMirrorBody(text), name).toBe(cutFrontMatter(text).body.replace(/^\n/, '').trim());
    }
  });
});
