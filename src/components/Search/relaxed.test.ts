import { describe, expect, it } from 'vitest';
import type { PagefindResponse } from './pagefind';
import { queryConcepts, relaxedSearch } from './relaxed';

/** A Pagefind stand-in: a page matches when it holds every word of the term. */
function fakePagefind(pages: Record<string, string>) {
  const searched: string[] = [];
  return {
    searched,
    async search(term: string): Promise<PagefindResponse> {
      searched.push(term);
      const words = term.toLowerCase().split(/\s+/).filter(Boolean);
      const results = Object.entries(pages)
        .filter(([, text]) => words.every((w) => text.includes(w)))
        .map(([id, text]) => ({
          id,
          score: words.length / text.length,
          data: async () => ({ url: `/${id}`, excerpt: '', meta: {}, filters: {} }),
        }));
      return { results, unfilteredResultCount: results.length, filters: {} };
    },
  };
}

describe('relaxedSearch', () => {
  const pages = {
    rollback: 'roll back a deploy: restore the previous build',
    risks: 'risk mitigation: team resistance and timeline slip',
    other: 'the week 3 plan',
  };

  it('keeps the exact search when it finds three pages or more', async () => {
    const pf = fakePagefind({ a: 'x y', b: 'x y', c: 'x y' });
    const r = await relaxedSearch(pf, 'x y', {});
    expect(r.results.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(pf.searched).toEqual(['x y']);
  });

  it('finds pages by the words and their thesaurus synonyms when no page holds every word', async () => {
    const pf = fakePagefind(pages);
    const r = await relaxedSearch(pf, 'revert the site to the previous release', {});
    expect(r.results[0]?.id).toBe('rollback');
    const s = await relaxedSearch(pf, 'people pushing back on the change', {});
    expect(s.results[0]?.id).toBe('risks');
  });

  it('turns a question into concepts without stop words', () => {
    expect(queryConcepts('how do we undo it')).toEqual([
      ['undo', 'rollback', 'roll back', 'revert', 'previous release', 'restore'],
    ]);
  });
});
