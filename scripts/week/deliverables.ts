/**
 * Which document is each Day-7 deliverable of the plan, and its state: the
 * matching the deliverables dashboard and the weekly facts (`kb week`,
 * `kb mcp` week_summary) share. Pure: documents and their URLs in.
 */
import { deliverables as planDeliverables, slugify, weeks, type Deliverable } from '../catalog/catalog.ts';
import type { SourceDocument } from '../core/documents.ts';
import { isAdrRecord } from '../adr/numbering.ts';
import { todayOf } from '../core/dates.ts';
import type { CellState, DeliverableCell, DeliverablesData, DocRef } from '../../src/plugins/dashboards/types.ts';

export type Urls = ReadonlyMap<string, string>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

function titleOf(doc: SourceDocument): string {
  return (
    str(doc.frontMatter.title) ??
    /^# (.+)$/m.exec(doc.body)?.[1]?.trim() ??
    doc.path
      .split('/')
      .at(-1)!
      .replace(/\.mdx?$/, '')
  );
}

export function refOf(doc: SourceDocument, urls: Urls): DocRef {
  const url = urls.get(doc.path);
  return url ? { title: titleOf(doc), url, path: doc.path } : { title: titleOf(doc), path: doc.path };
}

function stateOf(status: unknown): CellState {
  return status === 'published' ? 'published' : status === 'review' ? 'review' : 'draft';
}

const rank: Record<CellState, number> = { missing: 0, draft: 1, review: 2, published: 3 };
/** Words that say nothing about which deliverable a document is. */
const generic = new Set(['guide', 'guides', 'the', 'and', 'of', 'a', 'docs', 'documentation', 'report', 'plan']);

function words(text: string): Set<string> {
  return new Set(
    slugify(text)
      .split('-')
      .filter((w) => w && !generic.has(w)),
  );
}

/** How well a document matches a deliverable: exact slug first, then shared words. */
function score(doc: SourceDocument, d: Deliverable): number {
  const fileSlug = doc.path
    .split('/')
    .at(-1)!
    .replace(/\.mdx?$/, '')
    .replace(/^\d{4}-\d{2}-\d{2}-/, '');
  if (fileSlug === d.slug || slugify(titleOf(doc)) === d.slug) return 100;
  const want = words(d.title);
  const have = new Set([...words(titleOf(doc)), ...words(fileSlug)]);
  let shared = 0;
  for (const w of want) if (have.has(w)) shared++;
  return shared;
}

/**
 * The plan's weeks × Day-7 deliverables. Documents match by `kind` + `week`;
 * where a week asks for several of one kind, by slug or shared title words.
 * ADRs carry no week: the week-1 deliverable is the decision log itself.
 */
export function buildDeliverables(documents: readonly SourceDocument[], urls: Urls, now: Date): DeliverablesData {
  const adrs = documents.filter(isAdrRecord);
  const adrIndex = documents.find((d) => /^adr\/index\.mdx?$/.test(d.path));
  const rows = weeks.map((w) => {
    const due = planDeliverables.filter((d) => d.week === w.week);
    const cells: DeliverableCell[] = [];
    const byKind = new Map<string, Deliverable[]>();
    for (const d of due) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
    const matched = new Map<Deliverable, SourceDocument>();
    for (const [kind, list] of byKind) {
      if (kind === 'adr') continue;
      const candidates = documents.filter(
        (doc) => doc.frontMatter.kind === kind && int(doc.frontMatter.week) === w.week,
      );
      if (list.length === 1) {
        const best = [...candidates].sort(
          (a, b) => rank[stateOf(b.frontMatter.status)] - rank[stateOf(a.frontMatter.status)],
        )[0];
        if (best) matched.set(list[0]!, best);
        continue;
      }
      const pairs = list.flatMap((d) => candidates.map((doc) => ({ d, doc, s: score(doc, d) }))).filter((p) => p.s > 0);
      pairs.sort((a, b) => b.s - a.s);
      const used = new Set<SourceDocument>();
      for (const p of pairs) {
        if (matched.has(p.d) || used.has(p.doc)) continue;
        matched.set(p.d, p.doc);
        used.add(p.doc);
      }
    }
    for (const d of due) {
      if (d.kind === 'adr') {
        const accepted = adrs.filter((a) => a.frontMatter.status === 'accepted').length;
        const proposed = adrs.filter((a) => a.frontMatter.status === 'proposed').length;
        const state: CellState = accepted > 0 ? 'published' : adrs.length > 0 ? 'draft' : 'missing';
        const note =
          adrs.length > 0
            ? `${adrs.length} record${adrs.length === 1 ? '' : 's'}: ${accepted} accepted, ${proposed} proposed`
            : undefined;
        const doc = adrIndex && adrs.length > 0 ? refOf(adrIndex, urls) : undefined;
        cells.push({
          week: d.week,
          kind: d.kind,
          title: d.title,
          state,
          ...(doc ? { doc } : {}),
          ...(note ? { note } : {}),
        });
        continue;
      }
      const doc = matched.get(d);
      cells.push(
        doc
          ? {
              week: d.week,
              kind: d.kind,
              title: d.title,
              state: stateOf(doc.frontMatter.status),
              doc: refOf(doc, urls),
            }
          : { week: d.week, kind: d.kind, title: d.title, state: 'missing' },
      );
    }
    const published = cells.filter((c) => c.state === 'published').length;
    return { week: w.week, phase: w.phase, title: w.title, cells, published, total: cells.length };
  });
  const all = rows.flatMap((r) => r.cells);
  return {
    asOf: todayOf(now),
    weeks: rows,
    published: all.filter((c) => c.state === 'published').length,
    inProgress: all.filter((c) => c.state === 'draft' || c.state === 'review').length,
    total: all.length,
  };
}
