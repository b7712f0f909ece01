import { describe, expect, it } from 'vitest';
import {
  buildsPath,
  ownerOf,
  parseSiteParts,
  partsOfBuild,
  routesOfPart,
  type SitePart,
  urlOfOutputFile,
  withoutBase,
} from './model.ts';

const TABLE: SitePart[] = [
  { name: 'handbook', paths: ['/docs'] },
  { name: 'guides', paths: ['/docs/guides'] },
  { name: 'decisions', paths: ['/adr'] },
  { name: 'site', paths: [] },
];

describe('parseSiteParts', () => {
  it('accepts a table with one home part', () => {
    expect(parseSiteParts(TABLE)).toEqual(TABLE);
  });

  it.each([
    [
      [
        { name: 'a', paths: ['/a'] },
        { name: 'a', paths: [] },
      ],
      'the name a is used twice',
    ],
    [
      [
        { name: 'a', paths: ['/x'] },
        { name: 'b', paths: ['/x'] },
        { name: 'c', paths: [] },
      ],
      '/x is claimed by a and b',
    ],
    [
      [
        { name: 'a', paths: ['/a'] },
        { name: 'b', paths: ['/b'] },
      ],
      '0 parts have no paths',
    ],
    [
      [
        { name: 'a', paths: [] },
        { name: 'b', paths: [] },
      ],
      '2 parts have no paths',
    ],
    [
      [
        { name: 'a', paths: ['/a/'] },
        { name: 'b', paths: [] },
      ],
      'parts.0.paths.0: a URL path',
    ],
    [
      [
        { name: 'A', paths: ['/a'] },
        { name: 'b', paths: [] },
      ],
      'parts.0.name: lowercase',
    ],
    [[{ name: 'a', paths: [] }], 'at least two parts'],
  ])('refuses %j in one line naming the field', (table, message) => {
    expect(() => parseSiteParts(table)).toThrow(message);
    expect(() => parseSiteParts(table)).toThrow(/^docusaurus\.config\.ts customFields\.siteParts\.parts/);
  });
});

describe('ownerOf', () => {
  it('gives a path to the longest prefix, by whole segments, and the rest to the home part', () => {
    expect(ownerOf(TABLE, '/docs')).toBe('handbook');
    expect(ownerOf(TABLE, '/docs/intro')).toBe('handbook');
    expect(ownerOf(TABLE, '/docs/guides')).toBe('guides');
    expect(ownerOf(TABLE, '/docs/guides/caching')).toBe('guides');
    expect(ownerOf(TABLE, '/docs/guidesx')).toBe('handbook');
    expect(ownerOf(TABLE, '/docsx')).toBe('site');
    expect(ownerOf(TABLE, '/')).toBe('site');
    expect(ownerOf(TABLE, '/404.html')).toBe('site');
    expect(ownerOf(TABLE, '/assets/js/main.1234abcd.js')).toBe('site');
  });

  it('reads paths without the base URL', () => {
    expect(withoutBase('/kb/docs/x', '/kb/')).toBe('/docs/x');
    expect(withoutBase('/kb', '/kb/')).toBe('/');
    expect(withoutBase('/docs/x', '/')).toBe('/docs/x');
    expect(withoutBase('/kbx/docs', '/kb/')).toBe('/kbx/docs');
  });
});

describe('urlOfOutputFile', () => {
  it.each([
    ['index.html', '/'],
    ['docs/intro.html', '/docs/intro'],
    ['docs/index.html', '/docs'],
    ['docs/intro.html.br', '/docs/intro'],
    ['docs/intro.md', '/docs/intro'],
    ['docs/intro.md.gz', '/docs/intro'],
    ['llms.txt', '/llms.txt'],
    ['pagefind/parts/handbook/pagefind-entry.json', '/pagefind/parts/handbook/pagefind-entry.json'],
  ])('%s answers %s', (file, url) => {
    expect(urlOfOutputFile(file)).toBe(url);
  });
});

describe('routesOfPart', () => {
  const routes = [
    { path: '/', exact: true },
    {
      path: '/docs',
      routes: [
        {
          path: '/docs',
          routes: [{ path: '/docs/intro' }, { path: '/docs/guides/caching' }, { path: '/docs/guides' }],
        },
      ],
    },
    { path: '/adr', routes: [{ path: '/adr/0001-x' }] },
  ];

  it('keeps the leaves the part owns and the layout routes above them, nothing else', () => {
    const owns = (p: string) => ownerOf(TABLE, p) === 'guides';
    expect(routesOfPart(routes, owns)).toEqual([
      {
        path: '/docs',
        routes: [{ path: '/docs', routes: [{ path: '/docs/guides/caching' }, { path: '/docs/guides' }] }],
      },
    ]);
    const home = routesOfPart(routes, (p) => ownerOf(TABLE, p) === 'site');
    expect(home).toEqual([{ path: '/', exact: true }]);
  });
});

describe('partsOfBuild', () => {
  const config = (current?: string) => ({
    baseUrl: '/kb/',
    customFields: { siteParts: { parts: TABLE, ...(current ? { current } : {}) } },
  });

  it('owns everything in a whole-site build', () => {
    const build = partsOfBuild(config());
    expect(build.current).toBeUndefined();
    expect(build.owns('/kb/adr/0001-x')).toBe(true);
    expect(build.ownsFile('llms.txt')).toBe(true);
  });

  it('owns the part’s own paths and files in a part build', () => {
    const build = partsOfBuild(config('decisions'));
    expect(build.isHome).toBe(false);
    expect(build.owns('/kb/adr/0001-x')).toBe(true);
    expect(build.owns('/kb/docs/intro')).toBe(false);
    expect(build.ownsFile('adr/0001-x.md')).toBe(true);
    expect(build.ownsFile('llms.txt')).toBe(false);
    expect(partsOfBuild(config('site')).ownsFile('llms.txt')).toBe(true);
  });

  it('names the parts when KB_PART is not one of them', () => {
    expect(() => partsOfBuild(config('docs'))).toThrow(
      'KB_PART=docs: no such part in docusaurus.config.ts customFields.siteParts — use one of handbook, guides, decisions, site',
    );
  });

  it('tells a plugin whether this build renders a path', () => {
    expect(buildsPath({ parts: TABLE }, '/reports')).toBe(true);
    expect(buildsPath({ parts: TABLE, current: 'site' }, '/reports')).toBe(true);
    expect(buildsPath({ parts: TABLE, current: 'handbook' }, '/reports')).toBe(false);
  });
});
