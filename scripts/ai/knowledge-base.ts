/**
 * The knowledge base as the MCP server sees it: every current source
 * document read with loadDocuments (no site build), turned into page records
 * with URLs derived from file names, plus lookups by id, URL and path.
 */
import { createHash } from 'node:crypto';
import { isKbError } from '../core/errors.ts';
import { loadDocuments, loadRunPageDocuments, type LoadProblem } from '../core/documents.ts';
import { loadViews, viewMarkdown } from '../report/views.ts';
import { viewDocuments, type ViewPage } from './benchmark-views.ts';
import type { LinkMap } from './markdown.ts';
import { buildPageRecord, routeFromSource, type PageRecord } from './records.ts';

export interface KnowledgeBase {
  root: string;
  records: PageRecord[];
  problems: LoadProblem[];
  links: LinkMap;
  /** Changes whenever any document changes; keys caches such as the search index. */
  fingerprint: string;
}

export async function loadKnowledgeBase(root: string): Promise<KnowledgeBase> {
  const [loaded, runPages, views] = await Promise.all([
    loadDocuments(root),
    loadRunPageDocuments(root),
    loadViewPages(root),
  ]);
  // Run pages are read apart (front matter from JSON, not YAML): there is one per stored run.
  const documents = [...loaded.documents, ...runPages.documents];
  const problems = [...loaded.problems, ...runPages.problems];
  const { sources, routes } = viewDocuments(views);
  const records = [
    ...documents.map((doc) => buildPageRecord(doc, { url: routeFromSource(doc) })),
    // The benchmark views (history, scale tests, baselines, scorecard): built from benchmarks/, no file of their own.
    ...sources.map((doc, i) => buildPageRecord(doc, { url: routes[i]!.url, date: routes[i]!.date })),
  ];
  const hash = createHash('sha1');
  for (const d of [...documents, ...sources]) hash.update(`${d.path}\0${JSON.stringify(d.frontMatter)}\0${d.body}\0`);
  return {
    root,
    records,
    problems,
    links: new Map(records.map((r) => [r.source, r.markdownUrl])),
    fingerprint: hash.digest('hex'),
  };
}

/**
 * The benchmark views of `root` as pages; none when `slo-targets.yaml` is missing or a
 * stored run is invalid (slo_status and kb check say why; the other documents stay served).
 */
async function loadViewPages(root: string): Promise<ViewPage[]> {
  let views: Awaited<ReturnType<typeof loadViews>>;
  try {
    views = await loadViews(root);
  } catch (error) {
    if (isKbError(error)) return [];
    throw error;
  }
  return views.map((v) => ({
    url: v.url,
    source: v.source,
    section: v.section,
    frontMatter: v.frontMatter,
    markdown: viewMarkdown(v),
  }));
}

/** Finds a document by id, source path, page URL or Markdown URL. */
export function findRecord(kb: Pick<KnowledgeBase, 'records'>, ref: string): PageRecord | undefined {
  const key = ref
    .trim()
    .replace(/^kb:\/\/doc\//, '')
    .replace(/^https?:\/\/[^/]+/, '');
  const noSlash = key.replace(/\/+$/, '');
  return (
    kb.records.find((r) => r.id === key || r.id === noSlash) ??
    kb.records.find((r) => r.source === key) ??
    kb.records.find((r) => r.url === key || r.url === noSlash || r.markdownUrl === key) ??
    kb.records.find((r) => r.id === noSlash.replace(/\.mdx?$/, ''))
  );
}
