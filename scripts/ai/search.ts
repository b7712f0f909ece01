/**
 * Full-text search over page records with minisearch: title, tags and
 * description boosted over headings and body; prefix and fuzzy matching;
 * a light stemmer and stop words so newcomer questions ("how do we roll back
 * a migration") match the pages that answer them. Pure and in-memory.
 */
import MiniSearch from 'minisearch';
import { toReadableMarkdown } from './markdown.ts';
import type { PageRecord } from './records.ts';
import { synonymsIn } from './synonyms.ts';

export interface SearchHit {
  id: string;
  title: string;
  kind: string;
  status: string | null;
  url: string;
  markdownUrl: string;
  score: number;
  snippet: string;
}

interface IndexedDocument {
  id: string;
  title: string;
  tags: string;
  description: string;
  headings: string;
  body: string;
  kind: string;
}

export interface SearchIndex {
  search(query: string, options?: { limit?: number; kind?: string }): SearchHit[];
}

const stopWords = new Set(
  'a an and are as at be by can do does did for from has have how i in is it its of on or our the this to we what when where which who why will with you your my me us should there their them that these those into about after before get got'.split(
    ' ',
  ),
);

/** A deliberately small stemmer: plural, -ing/-ed and a final e, so `caching`/`cached`/`cache` all meet `cach`. */
export function stem(term: string): string {
  if (term.length <= 3 || /\d/.test(term)) return term;
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/(ss|us)$/, '$1'],
    [/([^s])s$/, '$1'],
    [/ing$/, ''],
    [/ed$/, ''],
  ];
  let out = term;
  const rule = rules.find(([re]) => re.test(term));
  if (rule) {
    const stripped = term.replace(rule[0], rule[1]);
    if (stripped.length >= 3) out = stripped;
  }
  return out.length > 4 && out.endsWith('e') ? out.slice(0, -1) : out;
}

function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  if (stopWords.has(t)) return null;
  return stem(t);
}

/**
 * Query-time synonyms: newcomers ask how a thing was chosen; the knowledge
 * base calls that a decision. Keys and values are stems.
 */
const synonyms: Record<string, string[]> = {
  choos: ['decision', 'decid'],
  chose: ['decision', 'decid'],
  chosen: ['decision', 'decid'],
  pick: ['decision', 'decid'],
  select: ['decision', 'decid'],
  rollback: ['roll'],
  cost: ['investment', 'budget'],
  slo: ['service level objective'],
};

function processQueryTerm(term: string): string | string[] | null {
  const base = processTerm(term);
  if (base === null) return null;
  const extra = synonyms[base];
  return extra ? [base, ...extra.flatMap((e) => e.split(' ').map(stem))] : base;
}

/** Markdown reduced to searchable text: markup dropped, code and link text kept. */
export function plainText(markdown: string): string {
  return (
    markdown
      .replace(/^```.*$/gm, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^:::\w*(\[[^\]]*\])?\s*$/gm, '')
      // Table separator rows; cells are split by a required `|`, so the match is linear (no nested `(…?)+`).
      .replace(/^[ \t]*\|?[ \t]*:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)*[ \t]*\|?[ \t]*$/gm, '')
      .replace(/^\s*(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
      .replace(/[*_`|]/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/[ \t]+/g, ' ')
  );
}

function headingsOf(markdown: string): string {
  return [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1]).join(' \n ');
}

/** The sentence-ish window of `text` that holds the most query terms. */
export function snippetFor(text: string, terms: readonly string[], width = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '';
  const lower = flat.toLowerCase();
  const stems = terms.map((t) => stem(t.toLowerCase())).filter((t) => t.length >= 2);
  let best = 0;
  let bestScore = -1;
  for (const s of stems) {
    for (let i = lower.indexOf(s); i !== -1 && i < lower.length; i = lower.indexOf(s, i + 1)) {
      const start = Math.max(0, i - width / 3);
      const window = lower.slice(start, start + width);
      const score = stems.reduce((n, t) => n + (window.includes(t) ? 1 : 0), 0);
      if (score > bestScore) {
        bestScore = score;
        best = start;
      }
    }
  }
  let start = Math.floor(best);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space === -1 ? start : space + 1;
  }
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

export function buildSearchIndex(records: readonly PageRecord[]): SearchIndex {
  const byId = new Map(records.map((r) => [r.id, r]));
  const texts = new Map<string, string>();
  const mini = new MiniSearch<IndexedDocument>({
    fields: ['title', 'tags', 'description', 'headings', 'body', 'kind'],
    storeFields: [],
    processTerm,
    searchOptions: {
      boost: { title: 5, tags: 3, description: 2.5, headings: 2, kind: 1.5, body: 1 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'OR',
      processTerm: processQueryTerm,
    },
  });
  const docs: IndexedDocument[] = records.map((r) => {
    let readable: string;
    try {
      readable = toReadableMarkdown(r.body, r.isMdx);
    } catch {
      readable = r.body; // a page MDX cannot parse is still searchable as text
    }
    const body = plainText(readable);
    texts.set(r.id, body);
    return {
      id: r.id,
      title: r.title,
      tags: [...r.tags, r.week === null ? '' : `week ${r.week}`].join(' '),
      description: r.description,
      headings: headingsOf(readable),
      body,
      kind: r.kind.replace(/-/g, ' '),
    };
  });
  mini.addAll(docs);
  return {
    search(query, options = {}) {
      const limit = options.limit ?? 5;
      const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((t) => t && processTerm(t) !== null);
      const stems = (text: string) => words(text).map((t) => processTerm(t)!);
      const terms = words(query);
      // Words the user typed weigh fully; synonyms added for them (the domain
      // thesaurus in synonyms.ts and the small map above) weigh less.
      const typed = new Set(terms.map((t) => processTerm(t)).filter((t): t is string => t !== null));
      const groups = synonymsIn(query).map((g) => ({
        own: new Set(stems(g.word)),
        all: new Set(stems([g.word, ...g.alternatives].join(' '))),
      }));
      const expansion = [...new Set(groups.flatMap((g) => [...g.all]))].filter((t) => !typed.has(t));
      // Concepts the query asks about: each thesaurus group once, each other typed word once.
      const inGroup = new Set(groups.flatMap((g) => [...g.own]));
      const concepts = [
        ...groups.map((g) => g.all),
        ...[...typed].filter((t) => !inGroup.has(t)).map((t) => new Set([t])),
      ];
      const results = mini.search(expansion.length ? `${query} ${expansion.join(' ')}` : query, {
        boostTerm: (term) => (typed.has(term) ? 1 : 0.3),
        ...(options.kind ? { filter: (r) => byId.get(String(r.id))?.kind === options.kind } : {}),
      });
      // Coordination: a page that matches more of the typed words beats one
      // that matches a single common word many times.
      const coverage = (r: (typeof results)[number]) =>
        concepts.length === 0 ? 1 : concepts.filter((c) => r.queryTerms.some((t) => c.has(t))).length / concepts.length;
      const ranked = results
        .map((r) => ({ ...r, score: r.score * (0.5 + coverage(r)) }))
        .sort((a, b) => b.score - a.score);
      return ranked.slice(0, limit).map((r) => {
        const rec = byId.get(String(r.id))!;
        return {
          id: rec.id,
          title: rec.title,
          kind: rec.kind,
          status: rec.status,
          url: rec.url,
          markdownUrl: rec.markdownUrl,
          score: Math.round(r.score * 100) / 100,
          snippet: snippetFor(`${rec.description.replace(/[.!?]?$/, '.')} ${texts.get(rec.id) ?? ''}`, terms),
        };
      });
    },
  };
}
