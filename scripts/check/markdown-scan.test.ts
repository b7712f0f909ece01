import { describe, expect, it } from 'vitest';
import { collectAnchors, findLinks, headingText, replaceLinks } from './markdown-scan.ts';

describe('findLinks', () => {
  it('finds inline links, images and reference definitions with their lines', () => {
    const body = 'Intro [a](./a.md) and ![img](img.png "t").\n\n[ref]: ../b.md#x\n<https://example.com>\n';
    expect(findLinks(body)).toEqual([
      { url: './a.md', line: 1 },
      { url: 'img.png', line: 1 },
      { url: '../b.md#x', line: 3 },
    ]);
  });

  it('skips fenced code, inline code and HTML comments', () => {
    const body =
      '```md\n[x](nope.md)\n```\n`[y](nope.md)` <!-- [z](nope.md) -->\n<!--\n[w](nope.md)\n-->\n[ok](ok.md)\n';
    expect(findLinks(body)).toEqual([{ url: 'ok.md', line: 8 }]);
  });

  it('follows fences of any length and tildes, links inside them included', () => {
    const body = '~~~\n  [a](x.md)\n~~~\n````\n```\n[b](y.md)\n```\n````\n  [c](z.md)\n';
    expect(findLinks(body)).toEqual([{ url: 'z.md', line: 9 }]);
  });

  it('reads angle-bracket targets and link text with brackets', () => {
    expect(findLinks('[a [b] c](<my file.md>)')).toEqual([{ url: 'my file.md', line: 1 }]);
  });
});

describe('collectAnchors', () => {
  it('slugs headings like Docusaurus (github-slugger, duplicates numbered)', () => {
    const anchors = collectAnchors('# Title\n## Set up `kb` & *run* it\n## Steps\n## Steps\n### Ünïcode: ok?\n');
    expect([...anchors]).toEqual(['title', 'set-up-kb--run-it', 'steps', 'steps-1', 'ünïcode-ok']);
  });

  it('honours {#custom-id}, <a id> and setext headings, not headings in code', () => {
    const anchors = collectAnchors(
      '## Rollback {#roll-back}\n<a id="here"></a>\n\nSetext one\n==========\n\n```\n# not a heading\n```\n',
    );
    expect([...anchors].sort()).toEqual(['here', 'roll-back', 'setext-one']);
  });

  it('takes link text, not URLs, into heading ids', () => {
    expect(headingText('See [the guide](./g.md) **now**')).toBe('See the guide now');
  });
});

describe('replaceLinks', () => {
  const swap = (url: string) => (url.startsWith('a.md') ? url.replace('a.md', 'b.md') : undefined);
  it('rewrites link targets in prose only, keeping every other byte', () => {
    const body = [
      'Text [one](a.md#x "title") and ![img](a.md) and [keep](c.md).',
      '<!-- [hidden](a.md) --> [after comment](a.md) `[code](a.md)` [after code](<a.md>)',
      '```',
      '[fenced](a.md)',
      '```',
      '[def]: a.md',
    ].join('\n');
    expect(replaceLinks(body, swap)).toBe(
      [
        'Text [one](b.md#x "title") and ![img](b.md) and [keep](c.md).',
        '<!-- [hidden](a.md) --> [after comment](b.md) `[code](a.md)` [after code](<b.md>)',
        '```',
        '[fenced](a.md)',
        '```',
        '[def]: b.md',
      ].join('\n'),
    );
    expect(replaceLinks('no links here', swap)).toBe('no links here');
  });
});
