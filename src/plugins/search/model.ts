/**
 * Pure rules of the search plugin: which built pages are searchable, which
 * section and version each belongs to, and the HTML Pagefind is fed for it.
 * Everything is read from Docusaurus's own markers (the `<html class>` names
 * `docs-doc-page`, `blog-post-page`, `plugin-id-…`, `docs-version-…`), so the
 * rules hold for any folder layout or slug.
 */
import { escapeHtml } from '../../../scripts/core/markdown-escape.ts';
import type { SectionLabels } from './options.ts';

/** The version of a page that belongs to no versioned docs instance (ADRs, reports). */
export const CURRENT_VERSION = 'current';

export interface PageClass {
  section: string;
  /** `current`, or the name of a cut version (`phase-1`). */
  version: string;
  /** True when the section has versions (docs, runbooks); ADRs and reports have none. */
  versioned: boolean;
}

export interface PageContext {
  labels: SectionLabels;
  /** The site's title, which Docusaurus appends to every `<title>`. */
  siteTitle: string;
  /** Every version name of the versioned sections (`current`, `phase-1`, …). */
  versions: readonly string[];
  /** Ids of the docs plugin instances that have versions. */
  versionedDocs: readonly string[];
}

export type PreparedPage =
  | { kind: 'page'; title: string; section: string; versions: string[]; html: string }
  | { kind: 'skip' }
  | { kind: 'error'; message: string };

const CLASS_ATTR = /<html\b[^>]*?\sclass=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i;

/** The class names of the page's `<html>` element. */
export function htmlClassNames(html: string): string[] {
  const match = CLASS_ATTR.exec(html);
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').split(/\s+/).filter(Boolean);
}

/**
 * The section and version of a page from its `<html>` class names, or
 * undefined when it is not a searchable page (list, tag and index pages, the
 * home page, dashboards, 404).
 */
export function classifyPage(
  classNames: readonly string[],
  context: Pick<PageContext, 'labels' | 'versionedDocs'>,
): PageClass | undefined {
  const { labels } = context;
  const has = (name: string) => classNames.includes(name);
  const pluginId = classNames.find((c) => c.startsWith('plugin-id-'))?.slice('plugin-id-'.length) ?? 'default';
  if (has('docs-doc-page') && has('plugin-docs')) {
    const section = labels.docs[pluginId];
    if (!section) return undefined;
    const version =
      classNames.find((c) => c.startsWith('docs-version-'))?.slice('docs-version-'.length) ?? CURRENT_VERSION;
    return { section, version, versioned: context.versionedDocs.includes(pluginId) };
  }
  if (has('blog-post-page') && has('plugin-blog')) {
    const section = labels.blog[pluginId];
    return section ? { section, version: CURRENT_VERSION, versioned: false } : undefined;
  }
  // Benchmark views built from benchmarks/ (scale test, baselines, scorecard, index): searched as reports.
  // Per-suite history pages are left out: one per suite, mostly run ids, they would drown word searches.
  if (has('plugin-benchmark-views') && !has('kb-view-benchmark-history')) {
    const section = labels.blog.default;
    return section ? { section, version: CURRENT_VERSION, versioned: false } : undefined;
  }
  return undefined;
}

/** `/docs/x` for `docs/x.html`, `/docs` for `docs/index.html` (trailingSlash: false); posix relative path in. */
export function urlOfBuiltFile(relativePath: string): string {
  const url = `/${relativePath.replace(/\.html$/, '')}`.replace(/(^|\/)index$/, '');
  return url === '' ? '/' : url;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const textOf = (html: string) =>
  decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

/** The page's title: its first `<h1>` in the article, else `<title>` without the site name. */
export function pageTitle(html: string, article: string, siteTitle: string): string {
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(article)?.[1];
  if (h1 && textOf(h1)) return textOf(h1);
  const title = textOf(/<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '');
  const suffix = ` | ${siteTitle}`;
  return title.endsWith(suffix) ? title.slice(0, -suffix.length) : title;
}

/**
 * Prepares one built page for Pagefind: marks its `<article>` as the body to
 * index and adds the section and version filters and the title as hidden,
 * ignored elements. The file on disk is not changed. A searchable page without
 * an `<article>` or a title is an error: Docusaurus's markup changed and the
 * page would silently drop out of search.
 */
export function preparePage(html: string, file: string, context: PageContext): PreparedPage {
  const page = classifyPage(htmlClassNames(html), context);
  if (!page) return { kind: 'skip' };
  const open = /<article\b[^>]*>/i.exec(html);
  if (!open)
    return {
      kind: 'error',
      message: `${file}: a ${page.section} page without an <article> element — the search plugin cannot find its main content`,
    };
  const article = html.slice(open.index);
  const versions = versionsOf(page, context.versions);
  const title = pageTitle(html, article, context.siteTitle);
  if (!title)
    return {
      kind: 'error',
      message: `${file}: a ${page.section} page without an <h1> or <title> — its search result would have no title`,
    };
  const tagged =
    `${open[0].slice(0, -1)} data-pagefind-body>` +
    `<span hidden data-pagefind-ignore data-pagefind-meta="title">${escapeHtml(title)}</span>` +
    `<span hidden data-pagefind-filter="section:${escapeHtml(page.section)}"></span>` +
    versions.map((v) => `<span hidden data-pagefind-filter="version:${escapeHtml(v)}"></span>`).join('');
  // Only the article goes to Pagefind, in a minimal document: the navbar, sidebars and footer are never indexed
  // (they are excluded anyway), and parsing them was most of the indexing time on a large site (issue 20).
  const close = html.lastIndexOf('</article>');
  const body = html.slice(open.index + open[0].length, close > open.index ? close : html.length);
  const content = separateCells(
    `<!DOCTYPE html><html><head><title>${escapeHtml(title)}</title></head><body>${tagged}${withoutSvg(body)}</article></body></html>`,
  );
  return { kind: 'page', title, section: page.section, versions, html: content };
}

/**
 * The HTML without its inline SVG elements: Pagefind never indexes them (EXCLUDED in build-index.ts), but it
 * still received and parsed them, and a benchmark view's charts are most of its bytes (a scale test's
 * charts, the scorecard's).
 */
export function withoutSvg(html: string): string {
  return html.replace(/<svg\b[\s\S]*?<\/svg>/gi, '');
}

/**
 * Puts a space before every table cell: minified HTML omits `</td>`, and
 * Pagefind would run the text of adjacent cells together ("95 %30 days").
 */
export function separateCells(html: string): string {
  return html.replace(/<(td|th)(?=[\s>])/gi, ' <$1');
}

/**
 * The version filter values of a page. Unversioned pages (ADRs, reports)
 * belong to every version: whichever version a reader searches, they are
 * part of it, while a cut version's copy of a doc never shows up in a search
 * of the current one.
 */
export function versionsOf(page: PageClass, versions: readonly string[]): string[] {
  if (page.versioned) return [page.version];
  return [...new Set([page.version, ...versions])];
}
