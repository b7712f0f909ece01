/**
 * Pure builders of the three dashboards: documents (as loadDocuments reads
 * them), the URLs Docusaurus gave them and the build date in; page data out.
 */
import type { SourceDocument } from '../../../scripts/core/documents.ts';
import { reviewedKinds } from '../../../scripts/catalog/catalog.ts';
import { isAdrRecord } from '../../../scripts/adr/numbering.ts';
import { reviewDateOf, todayOf } from '../../../scripts/core/dates.ts';
import { refOf } from '../../../scripts/week/deliverables.ts';
import {
  decisionStatuses,
  type DecisionMonth,
  type DecisionRecord,
  type DecisionsData,
  type FreshnessData,
  type FreshnessItem,
  type OwnerGroup,
  type StatusCounts,
} from './types.ts';

// The deliverables tracker's matching lives with the weekly facts, which share it.
export { buildDeliverables } from '../../../scripts/week/deliverables.ts';

export type Urls = ReadonlyMap<string, string>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

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
