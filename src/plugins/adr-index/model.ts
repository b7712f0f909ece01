/**
 * Pure builders for the ADR index page: entries, filters, timeline and the
 * Mermaid graph of supersedes/links, and the successors a superseded or
 * deprecated record's banner points to. Input is what records.ts parsed;
 * output is plain JSON for the page component.
 */
import type { AdrRecord } from '../../../scripts/adr/records.ts';

export interface AdrIndexEntry {
  number: number;
  title: string;
  status: string;
  date: string;
  tags: string[];
  url: string;
  supersedes: number[];
  supersededBy?: number;
  links: { type: string; target: number }[];
}

export interface AdrIndexData {
  records: AdrIndexEntry[];
  statuses: string[];
  tags: string[];
  /** Mermaid flowchart of supersedes and links; empty when no record links another. */
  graph: string;
}

/** Links drawn once, from the record that made them (inverse types are the other end). */
const drawnLinks = new Set(['amends', 'relates-to', 'depends-on', 'clarifies']);

const mermaidText = (s: string) => s.replace(/["#<>{}[\]|]/g, (ch) => `#${ch.charCodeAt(0)};`);

export function buildGraph(records: readonly AdrIndexEntry[]): string {
  const known = new Set(records.map((r) => r.number));
  const edges: string[] = [];
  const seen = new Set<string>();
  const used = new Set<number>();
  const edge = (from: number, to: number, label: string, dotted: boolean) => {
    const key =
      label === 'relates-to' ? [label, Math.min(from, to), Math.max(from, to)].join() : [label, from, to].join();
    if (!known.has(from) || !known.has(to) || seen.has(key)) return;
    seen.add(key);
    used.add(from).add(to);
    edges.push(`  adr${from} ${dotted ? '-.->' : '-->'}|${label}| adr${to}`);
  };
  for (const r of records) {
    for (const old of r.supersedes) edge(r.number, old, 'supersedes', false);
    if (r.supersededBy !== undefined) edge(r.supersededBy, r.number, 'supersedes', false);
    for (const l of r.links) if (drawnLinks.has(l.type)) edge(r.number, l.target, l.type, true);
  }
  if (edges.length === 0) return '';
  const nodes = records
    .filter((r) => used.has(r.number))
    .flatMap((r) => [
      `  adr${r.number}["ADR ${r.number}: ${mermaidText(r.title)}"]:::${r.status}`,
      `  click adr${r.number} href "${r.url}"`,
    ]);
  return [
    'flowchart LR',
    ...nodes,
    ...edges,
    '  classDef proposed stroke:#b58900,stroke-width:2px',
    '  classDef accepted stroke:#2e8b57,stroke-width:2px',
    '  classDef rejected stroke:#c0392b,stroke-dasharray:4 3',
    '  classDef deprecated stroke:#7f8c8d,stroke-dasharray:4 3',
    '  classDef superseded stroke:#7f8c8d,stroke-dasharray:4 3',
  ].join('\n');
}

/**
/** `urlOf(rel)` gives the page URL of `adr/0001-x.md`; records without a page are left out. */
export function buildIndex(records: readonly AdrRecord[], urlOf: (rel: string) => string | undefined): AdrIndexData {
  const entries: AdrIndexEntry[] = [];
  for (const r of records) {
    const url = urlOf(r.rel);
    if (!url) continue;
    const fm = r.frontMatter;
    entries.push({
      number: r.number,
      title: fm.title,
      status: fm.status,
      date: fm.date,
      tags: fm.tags,
      url,
      supersedes: fm.supersedes,
      supersededBy: fm['superseded-by'],
      links: fm.links,
    });
  }
  entries.sort((a, b) => a.number - b.number);
  const order = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'];
  return {
    records: entries,
    statuses: order.filter((s) => entries.some((e) => e.status === s)),
    tags: [...new Set(entries.flatMap((e) => e.tags))].sort(),
    graph: buildGraph(entries),
  };
}

/** The fields of a record that say what replaced or amended it. */
export interface SuccessorRecord {
  number: number;
  supersedes: number[];
  supersededBy?: number;
  links: { type: string; target: number }[];
}

export type SuccessorRelation = 'supersedes' | 'amends';
export interface Successor<R extends SuccessorRecord = SuccessorRecord> {
  record: R;
  relation: SuccessorRelation;
}

/**
 * The records that took over from record `number`, in reading order: its own
 * `superseded-by`, records that supersede it, then records that amend it
 * (named on either end). Each record once, under its strongest relation.
 */
export function successorsOf<R extends SuccessorRecord>(
  number: number,
  own: Pick<SuccessorRecord, 'supersededBy' | 'links'>,
  records: readonly R[],
): Successor<R>[] {
  const byNumber = new Map(records.map((r) => [r.number, r]));
  const out: Successor<R>[] = [];
  const add = (n: number | undefined, relation: SuccessorRelation) => {
    const record = n === undefined || n === number ? undefined : byNumber.get(n);
    if (record && !out.some((s) => s.record === record)) out.push({ record, relation });
  };
  add(own.supersededBy, 'supersedes');
  for (const r of records) if (r.supersedes.includes(number)) add(r.number, 'supersedes');
  for (const l of own.links) if (l.type === 'amended-by') add(l.target, 'amends');
  for (const r of records) if (r.links.some((l) => l.type === 'amends' && l.target === number)) add(r.number, 'amends');
  return out;
}
