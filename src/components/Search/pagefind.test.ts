import { describe, expect, it } from 'vitest';
import { browsingVersion, parseExcerpt, partIndexPaths, searchPageUrl, toHit } from './pagefind.ts';

describe('parseExcerpt', () => {
  it('splits an excerpt into text and highlighted matches, decoding entities', () => {
    expect(parseExcerpt('p99 <mark>latency</mark> &lt; 100 ms &amp; <mark>Latency</mark>.')).toEqual([
      { text: 'p99 ', mark: false },
      { text: 'latency', mark: true },
      { text: ' < 100 ms & ', mark: false },
      { text: 'Latency', mark: true },
      { text: '.', mark: false },
    ]);
  });
  it('never lets other markup through as markup', () => {
    expect(parseExcerpt('<img src=x onerror=alert(1)>a<script>b</script>')).toEqual([{ text: 'ab', mark: false }]);
    expect(parseExcerpt('&lt;script&gt;')).toEqual([{ text: '<script>', mark: false }]);
  });
});

describe('browsingVersion', () => {
  it('reads the docs version Docusaurus marks on <html>, current elsewhere', () => {
    expect(browsingVersion('docs-wrapper plugin-docs docs-version-phase-1 docs-doc-page')).toBe('phase-1');
    expect(browsingVersion('docs-wrapper plugin-docs docs-version-current docs-doc-page')).toBe('current');
    expect(browsingVersion('blog-wrapper blog-post-page')).toBe('current');
  });
});

describe('searchPageUrl', () => {
  it('keeps only what differs from the defaults', () => {
    expect(searchPageUrl('/', 'p99 latency')).toBe('/search?q=p99+latency');
    expect(searchPageUrl('/kb/', 'x', 'phase-1', 'Runbooks')).toBe('/kb/search?q=x&section=Runbooks&version=phase-1');
    expect(searchPageUrl('/', '')).toBe('/search');
  });
});

describe('toHit', () => {
  it('takes the title and section, falling back to the URL', () => {
    expect(toHit({ url: '/adr/x', excerpt: 'e', meta: { title: 'Use X' }, filters: { section: ['ADRs'] } })).toEqual({
      url: '/adr/x',
      title: 'Use X',
      section: 'ADRs',
      excerpt: 'e',
    });
    expect(toHit({ url: '/adr/y', excerpt: '', meta: {}, filters: {} })).toMatchObject({
      title: '/adr/y',
      section: '',
    });
  });
});

describe('partIndexPaths', () => {
  const parts = [
    { name: 'handbook', paths: ['/docs'] },
    { name: 'site', paths: [] },
    { name: 'decisions', paths: ['/adr'] },
  ];
  it('lists every part’s index but the home part’s (the primary) on a page of a part build, none on a whole build', () => {
    expect(partIndexPaths({ siteParts: { parts, current: 'handbook' } })).toEqual([
      'pagefind/parts/handbook/',
      'pagefind/parts/decisions/',
    ]);
    expect(partIndexPaths({ siteParts: { parts } })).toEqual([]);
    expect(partIndexPaths(undefined)).toEqual([]);
  });
});
