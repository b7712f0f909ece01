/**
 * ADRs as the MCP server lists them: number, status and the supersede chain
 * each one sits in (oldest → newest), derived from `supersedes` and
 * `superseded-by` on either side of the link.
 */
import type { PageRecord } from './records.ts';

export interface AdrSummary {
  adr: number;
  id: string;
  title: string;
  status: string | null;
  date: string | null;
  url: string;
  supersedes: number[];
  supersededBy: number | null;
  /** The whole chain this record belongs to, oldest first, e.g. [3, 7, 9]. */
  chain: number[];
  /** The newest record of the chain: the decision in force. */
  current: number;
}

export const adrLabel = (n: number): string => `ADR-${String(n).padStart(4, '0')}`;

export function summarizeAdrs(records: readonly PageRecord[]): AdrSummary[] {
  const adrs = records.filter((r) => r.section === 'adr' && r.adr !== null).sort((a, b) => a.adr! - b.adr!);
  const byNumber = new Map(adrs.map((r) => [r.adr!, r]));
  // successor[n] = the record that supersedes n, from either side of the link.
  const successor = new Map<number, number>();
  for (const r of adrs) {
    if (r.supersededBy !== null) successor.set(r.adr!, r.supersededBy);
    for (const old of r.supersedes) if (!successor.has(old)) successor.set(old, r.adr!);
  }
  const predecessor = new Map<number, number>();
  for (const [old, next] of successor) if (!predecessor.has(next)) predecessor.set(next, old);
  const walk = (start: number, step: Map<number, number>): number[] => {
    const seen = new Set<number>([start]);
    const out: number[] = [];
    for (let n = step.get(start); n !== undefined && !seen.has(n); n = step.get(n)) {
      seen.add(n);
      out.push(n);
    }
    return out;
  };
  return adrs.map((r) => {
    const n = r.adr!;
    const chain = [...walk(n, predecessor).reverse(), n, ...walk(n, successor)];
    return {
      adr: n,
      id: r.id,
      title: r.title,
      status: r.status,
      date: r.date,
      url: r.url,
      supersedes: r.supersedes,
      supersededBy:
        r.supersededBy ??
        (successor.get(n) !== undefined && byNumber.has(successor.get(n)!) ? successor.get(n)! : null),
      chain,
      current: chain.at(-1)!,
    };
  });
}

/** The ADR list as Markdown, standing in for the site's `<AdrIndex>` component in mirrors. */
export function renderAdrList(records: readonly PageRecord[]): string {
  const byNumber = new Map(records.filter((r) => r.section === 'adr' && r.adr !== null).map((r) => [r.adr!, r]));
  const rows = summarizeAdrs(records).map((a) => {
    const md = byNumber.get(a.adr)?.markdownUrl ?? a.url;
    const title = a.title.replace(/([\\[\]])/g, '\\$1');
    const notes = [
      a.status ?? 'no status',
      a.date,
      a.supersededBy ? `superseded by ${adrLabel(a.supersededBy)}` : null,
      a.supersedes.length ? `supersedes ${a.supersedes.map(adrLabel).join(', ')}` : null,
    ].filter(Boolean);
    return `- ${adrLabel(a.adr)} [${title}](${md}): ${notes.join(', ')}`;
  });
  return rows.length ? rows.join('\n') : '_No decisions recorded yet._';
}
