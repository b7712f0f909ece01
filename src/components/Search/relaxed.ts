/**
 * Pagefind matches pages that hold every word of the query, so an everyday
 * question ("what could go wrong with the project") often finds nothing.
 * When the exact search finds fewer than three pages, this searches each
 * meaningful word and its synonyms from the domain thesaurus
 * (scripts/ai/synonyms.ts, shared with kb mcp search) and merges the results:
 * pages that cover more of the query's concepts first, then by Pagefind's own
 * score. Exact results always stay on top.
 */
import { synonymsIn } from '../../../scripts/ai/synonyms';
import type { PagefindApi, PagefindResponse, SearchOptions } from './pagefind';

const stopWords = new Set(
  'a an and are as at be by can do does did for from has have how i in is it its of on or our the this to we what when where which who why will with you your my me us should there their them that these those into about after before get got all much many must right now each'.split(
    ' ',
  ),
);

/** The query's concepts: each thesaurus group it touches, each other meaningful word. */
export function queryConcepts(query: string): string[][] {
  const groups = synonymsIn(query);
  const grouped = new Set(groups.flatMap((g) => g.word.split(/\s+/)));
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(
      (w) => w.length > 1 && !stopWords.has(w) && !grouped.has(w) && !grouped.has(w.replace(/(?:ing|ed|s)$/, '')),
    );
  return [...groups.map((g) => [g.word, ...g.alternatives]), ...[...new Set(words)].map((w) => [w])];
}

type Result = PagefindResponse['results'][number];

export async function relaxedSearch(
  pagefind: Pick<PagefindApi, 'search'>,
  query: string,
  options: SearchOptions,
  exact?: PagefindResponse | null,
): Promise<PagefindResponse> {
  const first = exact ?? (await pagefind.search(query, options));
  if (first.results.length >= 3) return first;
  const concepts = queryConcepts(query);
  if (concepts.length === 0) return first;
  const byId = new Map<string, { result: Result; covered: Set<number>; score: number }>();
  await Promise.all(
    concepts.map(async (words, concept) => {
      const responses = await Promise.all(words.map((w) => pagefind.search(w, options)));
      responses.forEach((response, i) => {
        // The word of the query weighs fully, its synonyms less.
        const weight = i === 0 ? 1 : 0.5;
        for (const result of response.results) {
          const entry = byId.get(result.id) ?? { result, covered: new Set<number>(), score: 0 };
          entry.covered.add(concept);
          entry.score += result.score * weight;
          byId.set(result.id, entry);
        }
      });
    }),
  );
  const exactIds = new Set(first.results.map((r) => r.id));
  const merged = [...byId.values()]
    .filter((e) => !exactIds.has(e.result.id))
    .sort((a, b) => b.covered.size - a.covered.size || b.score - a.score)
    .map((e) => e.result);
  return { ...first, results: [...first.results, ...merged] };
}
