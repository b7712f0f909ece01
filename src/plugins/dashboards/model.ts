/**
 * Pure builders of the three dashboards: documents (as loadDocuments reads
 * them), the URLs Docusaurus gave them and the build date in; page data out.
 */
import {
  deliverables as planDeliverables,
  reviewedKinds,
  slugify,
  weeks,
  type Deliverable,
} from '../../../scripts/catalog/catalog.ts';
import type { SourceDocument } from '../../../scripts/core/documents.ts';
import { isAdrRecord } from '../../../scripts/adr/numbering.ts';
import { reviewDateOf, todayOf } from '../../../scripts/core/dates.ts';
import {
  decisionStatuses,
  type CellState,
  type DecisionMonth,
  type DecisionRecord,
  type DecisionsData,
  type DeliverableCell,
  type DeliverablesData,
  type DocRef,
  type FreshnessData,
  type FreshnessItem,
  type OwnerGroup,
  type StatusCounts,
} from './types.ts';

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

function refOf(doc: SourceDocument, urls: Urls): DocRef {
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
  const adrIndex = documents.find((d) => d.path === 'adr/index.md');
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

const dayMs = 86_400_000;

/**
 * Documents that must be re-read (runbooks, playbooks, anything with a
 * review-by) by owner, overdue first; "overdue" is judged against `now`.
 */
export function buildFreshness(
  documents: readonly SourceDocument[],
  urls: Urls,
  now: Date,
  dueSoonDays = 14,
): FreshnessData {
  const today = todayOf(now);
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const items: (FreshnessItem & { owner: string })[] = [];
  for (const doc of documents) {
    const kind = str(doc.frontMatter.kind);
    const raw = doc.frontMatter['review-by'];
    if (!kind || (!reviewedKinds.has(kind) && raw === undefined)) continue;
    const reviewBy = reviewDateOf(raw);
    const daysLeft = reviewBy ? Math.round((Date.parse(`${reviewBy}T00:00:00Z`) - todayMs) / dayMs) : undefined;
    const state =
      daysLeft === undefined ? 'missing' : daysLeft < 0 ? 'overdue' : daysLeft <= dueSoonDays ? 'due-soon' : 'ok';
    items.push({
      ...refOf(doc, urls),
      owner: str(doc.frontMatter.owner) ?? '(no owner)',
      kind,
      status: str(doc.frontMatter.status) ?? 'draft',
      ...(reviewBy ? { reviewBy, daysLeft } : {}),
      state,
    });
  }
  const order = { overdue: 0, missing: 1, 'due-soon': 2, ok: 3 } as const;
  const groups = new Map<string, OwnerGroup>();
  for (const { owner, ...item } of items) {
    const g = groups.get(owner) ?? { owner, overdue: 0, items: [] };
    g.items.push(item);
    if (item.state === 'overdue') g.overdue++;
    groups.set(owner, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.overdue - a.overdue || a.owner.localeCompare(b.owner));
  for (const g of sorted) {
    g.items.sort(
      (a, b) =>
        order[a.state] - order[b.state] || (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || a.title.localeCompare(b.title),
    );
  }
  return {
    asOf: today,
    dueSoonDays,
    groups: sorted,
    overdue: items.filter((i) => i.state === 'overdue').length,
    dueSoon: items.filter((i) => i.state === 'due-soon').length,
    missing: items.filter((i) => i.state === 'missing').length,
    total: items.length,
  };
}

function zero(): StatusCounts {
  return { proposed: 0, accepted: 0, rejected: 0, deprecated: 0, superseded: 0 };
}

/** ADR counts by status, month by month (by each record's date, counted under its current status). */
export function buildDecisions(documents: readonly SourceDocument[], urls: Urls, now: Date): DecisionsData {
  const records: DecisionRecord[] = documents.filter(isAdrRecord).map((doc) => {
    const number = int(doc.frontMatter.adr) ?? Number(/^adr\/(\d+)/.exec(doc.path)?.[1] ?? 0);
    const date = reviewDateOf(doc.frontMatter.date);
    const supersededBy = int(doc.frontMatter['superseded-by']);
    return {
      ...refOf(doc, urls),
      number,
      status: str(doc.frontMatter.status) ?? 'proposed',
      ...(date ? { date } : {}),
      ...(supersededBy ? { supersededBy } : {}),
    };
  });
  records.sort((a, b) => a.number - b.number);
  const totals = zero();
  const byMonth = new Map<string, StatusCounts>();
  for (const r of records) {
    const status = (decisionStatuses as readonly string[]).includes(r.status)
      ? (r.status as keyof StatusCounts)
      : undefined;
    if (!status) continue;
    totals[status]++;
    if (!r.date) continue;
    const month = r.date.slice(0, 7);
    const counts = byMonth.get(month) ?? zero();
    counts[status]++;
    byMonth.set(month, counts);
  }
  const running = zero();
  const months: DecisionMonth[] = [...byMonth.keys()].sort().map((month) => {
    const counts = byMonth.get(month)!;
    for (const s of decisionStatuses) running[s] += counts[s];
    return { month, counts, cumulative: { ...running } };
  });
  return { asOf: todayOf(now), totals, months, records };
}
