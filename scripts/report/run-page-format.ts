/**
 * The file format of a run page's HTML (`reports/runs/<id>.html`): one line of
 * metadata, `<!--kb-run {json}-->`, then the article. Kept apart from
 * run-page.ts, which renders it, because the browser reads it too
 * (src/components/RunPage, on `npm start`): this module imports nothing.
 */

/** Where run pages live, relative to the project root; their URLs are `/<RUN_PAGES_DIR>/<id>`. */
export const RUN_PAGES_DIR = 'reports/runs';

/**
 * What the run pages' frame (src/components/RunPage, rendered once by the build) holds where a run's own
 * text goes; src/plugins/benchmark-views/run-pages.ts puts each run's in. Each has a space, so the HTML
 * minifier keeps the quotes around the attributes that hold it: a title put in an unquoted one would end
 * at its first space.
 */
export const FRAME_TOKENS = {
  id: '@@KB_RUN ID@@',
  title: '@@KB_RUN TITLE@@',
  description: '@@KB_RUN DESCRIPTION@@',
  article: '@@KB_RUN ARTICLE@@',
} as const;

/** What the site needs of a run page without reading its article. */
export interface RunPageMeta {
  /** Site path, `/reports/runs/<id>`. */
  url: string;
  /** The Markdown file (`reports/runs/<id>.md`): the id AI readers know the page by. */
  source: string;
  frontMatter: Record<string, unknown> & {
    title: string;
    description: string;
    kind: string;
    date: string;
    suite: string;
    run: string;
    tags: string[];
  };
}

const META_START = '<!--kb-run ';
/** Where the metadata line ends and the article starts. */
export const RUN_PAGE_META_END = '-->\n';

export function formatRunPageHtml(meta: RunPageMeta, article: string): string {
  // `<` is escaped in the JSON, so the metadata line can never end its comment early.
  const json = JSON.stringify(meta).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `${META_START}${json}${RUN_PAGE_META_END}${article}\n`;
}

/** The metadata line alone (the start of the file is enough); undefined when it is not a run page. */
export function parseRunPageMeta(text: string): RunPageMeta | undefined {
  if (!text.startsWith(META_START)) return undefined;
  const end = text.indexOf(RUN_PAGE_META_END);
  if (end < 0) return undefined;
  try {
    const meta = JSON.parse(text.slice(META_START.length, end)) as RunPageMeta;
    if (typeof meta?.url !== 'string' || typeof meta.frontMatter?.title !== 'string') return undefined;
    return meta;
  } catch {
    return undefined;
  }
}

/** Splits a run page's HTML file into its metadata and its article; undefined when it is not one. */
export function parseRunPageHtml(text: string): { meta: RunPageMeta; article: string } | undefined {
  const meta = parseRunPageMeta(text);
  if (!meta) return undefined;
  return { meta, article: text.slice(text.indexOf(RUN_PAGE_META_END) + RUN_PAGE_META_END.length).trimEnd() };
}
