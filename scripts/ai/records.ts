/**
 * One record per page of the knowledge base, built from a source document
 * and the URL it is served at. The build (src/plugins/ai-readable) takes URLs
 * from Docusaurus's own routes; the MCP server, which never builds, derives
 * them from the file name with `routeFromSource` (same rules, simplified).
 */
import type { SectionId, SourceDocument } from '../core/documents.ts';
import { KbError } from '../core/errors.ts';
import { permalinkOf, stripNumberPrefix } from '../core/routes.ts';
import { mayHaveH1 } from './run-mirror-body.mjs';

export { stripNumberPrefix };

/** The parts of the site as llms.txt lists them, in order. */
export const siteParts = [
  { id: 'handbook', title: 'Handbook', file: 'llms-handbook.txt' },
  { id: 'adr', title: 'ADRs', file: 'llms-adr.txt' },
  { id: 'runbooks', title: 'Runbooks', file: 'llms-runbooks.txt' },
  { id: 'playbooks', title: 'Playbooks', file: 'llms-playbooks.txt' },
  { id: 'reports', title: 'Reports', file: 'llms-reports.txt' },
] as const;
export type SitePartId = (typeof siteParts)[number]['id'];

export interface SloVerdict {
  target: string;
  verdict: string;
  value?: number | null;
  unit?: string | null;
  margin?: number | string | null;
}

export interface DocumentLink {
  type: string;
  target: number | string;
}

export interface PageRecord {
  /** Stable id: the source path without extension (`docs/plan/week-01`). */
  id: string;
  /** Source path relative to the project root. */
  source: string;
  section: SectionId;
  part: SitePartId;
  /** Absolute path of the HTML page (`/docs/plan/week-01`). */
  url: string;
  /** Absolute path of the Markdown mirror (`/docs/plan/week-01.md`). */
  markdownUrl: string;
  title: string;
  description: string;
  kind: string;
  status: string | null;
  owner: string | null;
  week: number | null;
  date: string | null;
  reviewBy: string | null;
  tags: string[];
  adr: number | null;
  supersedes: number[];
  supersededBy: number | null;
  links: DocumentLink[];
  sloVerdicts: SloVerdict[];
  /** Docs version (`current` for the working tree). */
  version: string;
  isMdx: boolean;
  body: string;
}

/** What the router says about a page; everything optional is derived when absent. */
export interface PageRoute {
  url: string;
  title?: string;
  description?: string;
  date?: string;
  tags?: string[];
  version?: string;
}

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;

function isoDate(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
}

function int(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : null;
}

function ints(v: unknown): number[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.map(int).filter((n): n is number => n !== null);
}

function tagList(v: unknown): string[] {
  if (!Array.isArray(v))
    return typeof v === 'string'
      ? v
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [];
  return v
    .map((t) =>
      typeof t === 'string'
        ? t
        : t && typeof t === 'object' && 'label' in t
          ? String((t as { label: unknown }).label)
          : null,
    )
    .filter((t): t is string => Boolean(t));
}

function linkList(v: unknown): DocumentLink[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((l) => {
    if (!l || typeof l !== 'object') return [];
    const { type, target } = l as Record<string, unknown>;
    const t = str(type);
    const to = int(target) ?? str(target);
    return t && to !== null ? [{ type: t, target: to }] : [];
  });
}

function verdictList(v: unknown): SloVerdict[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => {
    if (!x || typeof x !== 'object') return [];
    const r = x as Record<string, unknown>;
    const target = str(r.target);
    const verdict = str(r.verdict);
    if (!target || !verdict) return [];
    const num = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : null);
    return [{ target, verdict, value: num(r.value), unit: str(r.unit), margin: num(r.margin) ?? str(r.margin) }];
  });
}

/** First `# Heading` of a body, when the page starts with one. */
export function leadingHeading(body: string): string | null {
  if (!mayHaveH1(body)) return null;
  const m = /^\s*#[ \t]+(.+?)[ \t#]*$/m.exec(body);
  if (!m) return null;
  const before = body.slice(0, m.index).trim();
  return before === '' || /^(import|export)\s/m.test(before) ? (m[1] ?? null) : null;
}

/** First prose paragraph, flattened to one line (Docusaurus's description fallback). */
export function firstParagraph(body: string): string {
  for (const block of body.split(/\n\s*\n/)) {
    const text = block.trim();
    if (!text || /^(#|import\s|export\s|:::|```|~~~|<|\||!\[|-{3,}|\{\/\*)/.test(text)) continue;
    if (/^([-*+]|\d+\.)\s/.test(text)) continue;
    const flat = text
      .replace(/\s*\n\s*/g, ' ')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_`]/g, '');
    if (flat.length <= 200) return flat;
    // One line: the first sentence, or a cut at a word boundary.
    const sentence = /^.{40,200}?[.!?](?=\s)/.exec(flat)?.[0];
    return sentence ?? `${flat.slice(0, 200).replace(/\s+\S*$/, '')}…`;
  }
  return '';
}

function partOf(section: SectionId, kind: string, source: string): SitePartId {
  if (section === 'adr') return 'adr';
  if (section === 'runbooks') return 'runbooks';
  if (section === 'reports') return 'reports';
  return kind === 'playbook' || source.startsWith('docs/playbooks/') ? 'playbooks' : 'handbook';
}

const leadingNumber = /^(\d{4})-/;
const reportDate = /^(\d{4}-\d{2}-\d{2})-/;

export function documentId(source: string): string {
  const noExt = source.replace(/\.mdx?$/, '');
  return /\/.+\/index$/.test(noExt) ? noExt.replace(/\/index$/, '') : noExt;
}

/** Builds the record of one page. Pure: every input is passed in. */
export function buildPageRecord(
  doc: Pick<SourceDocument, 'path' | 'section' | 'frontMatter' | 'body'>,
  route: PageRoute,
): PageRecord {
  const fm = doc.frontMatter;
  const base = doc.path.split('/').pop() ?? doc.path;
  const folder = doc.path.split('/').slice(-2, -1)[0] ?? '';
  const kind = str(fm.kind) ?? (doc.section === 'adr' && !/^index\.mdx?$/.test(base) ? 'adr' : 'page');
  const fileTitle = stripNumberPrefix(base.replace(/\.mdx?$/, '')).replace(/[-_]/g, ' ');
  const title = route.title ?? str(fm.title) ?? leadingHeading(doc.body) ?? fileTitle;
  const adrNumber = doc.section === 'adr' ? (int(fm.adr) ?? int(leadingNumber.exec(base)?.[1])) : null;
  const dateFromName =
    doc.section === 'reports' ? (reportDate.exec(base)?.[1] ?? reportDate.exec(folder)?.[1] ?? null) : null;
  const url = route.url;
  return {
    id: documentId(doc.path),
    source: doc.path,
    section: doc.section,
    part: partOf(doc.section, kind, doc.path),
    url,
    markdownUrl: markdownUrlOf(url),
    title,
    // Docusaurus falls back to the first line, which is often a heading
    // ("Context and Problem Statement"); the first real paragraph says more.
    description: str(fm.description) ?? (firstParagraph(doc.body) || route.description || ''),
    kind,
    status: str(fm.status),
    owner: str(fm.owner),
    week: int(fm.week),
    date: isoDate(fm.date) ?? route.date ?? dateFromName,
    reviewBy: isoDate(fm['review-by']),
    tags: route.tags ?? tagList(fm.tags),
    adr: adrNumber,
    supersedes: ints(fm.supersedes),
    supersededBy: int(fm['superseded-by']),
    links: linkList(fm.links),
    sloVerdicts: verdictList(fm['slo-verdicts']),
    version: route.version ?? 'current',
    isMdx: doc.path.endsWith('.mdx'),
    body: doc.body,
  };
}

/** `/docs/plan/week-01` → `/docs/plan/week-01.md`; a root or folder URL gets `index.md`. */
export function markdownUrlOf(url: string): string {
  return url.endsWith('/') ? `${url}index.md` : `${url}.md`;
}

function joinUrl(...parts: string[]): string {
  const joined = parts.join('/').replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/**
 * The URL Docusaurus gives a source file (trailingSlash: false, baseUrl `/`),
 * for use without a build: number prefixes dropped, `index`/`README` and
 * folder-named files served at their folder, `slug` honoured, reports dated.
 */
export function routeFromSource(doc: Pick<SourceDocument, 'path' | 'section' | 'frontMatter'>, baseUrl = '/'): string {
  // One implementation of Docusaurus's URL rules serves kb check and the AI output.
  const route = permalinkOf(doc.path, doc.frontMatter);
  if (route === undefined)
    throw new KbError('INTERNAL', 'not inside docs/, runbooks/, adr/ or reports/', { file: doc.path });
  return joinUrl(baseUrl, route);
}
