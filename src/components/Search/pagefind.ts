/**
 * The browser side of search: loads Pagefind's own script from the built site
 * (`<baseUrl>pagefind/pagefind.js`, written by src/plugins/search) on first
 * use, never at page load, and shapes its results for the navbar box and the
 * /search page.
 */

import { PART_INDEX_DIR, homePart, type SitePart } from '../../plugins/parts/owner.ts';

/** The subset of Pagefind's browser API we use (pagefind.js, 1.x). */
export interface PagefindApi {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  /** Adds another index (another part of the site, src/plugins/parts) to every search. */
  mergeIndex(indexPath: string): Promise<void>;
  preload(term: string, options?: SearchOptions): Promise<void>;
  search(term: string, options?: SearchOptions): Promise<PagefindResponse>;
  /** Loads every filter's values (and so makes searches report counts for all of them). */
  filters(): Promise<Record<string, Record<string, number>>>;
  debouncedSearch(term: string, options?: SearchOptions, debounceMs?: number): Promise<PagefindResponse | null>;
}

export interface SearchOptions {
  filters?: Record<string, string | string[] | { any: string[] }>;
}

export interface PagefindResponse {
  results: { id: string; score: number; data(): Promise<PagefindData> }[];
  unfilteredResultCount: number;
  /** Result counts per filter value for this search and its filters. */
  filters: Record<string, Record<string, number>>;
}

export interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
  sub_results?: { title: string; url: string; excerpt: string }[];
}

/** One search hit, as both the box and the page show it. */
export interface SearchHit {
  url: string;
  title: string;
  section: string;
  excerpt: string;
}

/** The sections of the index, in the order the /search page offers them (src/plugins/search/options.ts). */
export const SECTIONS = ['Docs', 'Runbooks', 'ADRs', 'Reports'] as const;

export const INDEX_SCRIPT = 'pagefind/pagefind.js';

/** True in `npm start`, which builds no index. */
export const IS_DEV_SERVER = process.env.NODE_ENV === 'development';

export const DEV_SERVER_MESSAGE = 'Search works in the production build: run npm run build && npm run serve.';

let loading: Promise<PagefindApi> | undefined;

/**
 * Every part's index folder but the home part's (relative to the base URL) when this page comes from a part build
 * (src/plugins/parts; the site config's customFields say), else none.
 */
export function partIndexPaths(customFields: Record<string, unknown> | undefined): string[] {
  const { parts, current } = (customFields?.siteParts ?? {}) as { parts?: SitePart[]; current?: string };
  if (!parts || !current) return [];
  const home = homePart(parts);
  return parts.filter((p) => p.name !== home).map((p) => `${PART_INDEX_DIR}/${p.name}/`);
}

/**
 * Loads and initialises Pagefind once per page session. The URL is built at
 * run time and marked webpackIgnore so the bundler leaves the import to the
 * browser: the script is a file of the build, not a module of ours.
 */
export function loadPagefind(baseUrl: string, mergePaths: readonly string[] = []): Promise<PagefindApi> {
  if (!loading) {
    const url = `${baseUrl}${INDEX_SCRIPT}`;
    loading = (import(/* webpackIgnore: true */ url) as Promise<PagefindApi>).then(async (pagefind) => {
      await pagefind.options({ baseUrl, excerptLength: 24 });
      await pagefind.init();
      // A site built as parts (src/plugins/parts): the home part's index is the primary, each other part's is merged in.
      await Promise.all(
        mergePaths.map((dir) =>
          pagefind.mergeIndex(`${baseUrl}${dir}`).catch((error: unknown) => {
            console.warn(
              `search: the index ${dir} could not be loaded (${String(error)}); results leave that part out`,
            );
          }),
        ),
      );
      // Without this, searches count results only for the filters they use.
      await pagefind.filters();
      return pagefind;
    });
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/** The docs version the reader is browsing (Docusaurus marks it on `<html>`), `current` elsewhere. */
export function browsingVersion(htmlClassName: string): string {
  return /(?:^|\s)docs-version-(\S+)/.exec(htmlClassName)?.[1] ?? 'current';
}

export function toHit(data: PagefindData): SearchHit {
  return {
    url: data.url,
    title: data.meta.title?.trim() || data.url,
    section: data.filters.section?.[0] ?? '',
    excerpt: data.excerpt,
  };
}

/** The /search page URL for a query, keeping a non-default version and section. */
export function searchPageUrl(baseUrl: string, query: string, version = 'current', section?: string): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (section) params.set('section', section);
  if (version !== 'current') params.set('version', version);
  const search = params.toString();
  return `${baseUrl}search${search ? `?${search}` : ''}`;
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Splits a Pagefind excerpt (text with `<mark>` around matches, HTML-escaped)
 * into plain text parts, so it renders as text rather than as HTML.
 */
export function parseExcerpt(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const token of excerpt.split(/(<\/?mark\b[^>]*>)/i)) {
    if (/^<mark\b/i.test(token)) mark = true;
    else if (/^<\/mark/i.test(token)) mark = false;
    else {
      const text = decode(token.replace(/<[^>]*>/g, ''));
      if (!text) continue;
      const last = parts.at(-1);
      if (last && last.mark === mark) last.text += text;
      else parts.push({ text, mark });
    }
  }
  return parts;
}
