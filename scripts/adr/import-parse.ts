import { parseMarkdown } from '../core/front-matter.ts';
import type { AdrLinkType, AdrStatus } from './schema.ts';

export type ImportFormat = 'nygard' | 'madr2' | 'madr3' | 'madr4' | 'log4brains';

/** A relation as the source wrote it: to a file name or a number in the source folder. */
export interface ForeignRelation {
  type: 'supersedes' | 'superseded-by' | AdrLinkType;
  file?: string;
  number?: number;
}

export interface ForeignRecord {
  file: string;
  format: ImportFormat;
  /** Number in the source (file name or `# N.` heading), when it has one. */
  sourceNumber?: number;
  title: string;
  status: AdrStatus;
  /** Status lines exactly as the source wrote them, oldest first. */
  statusHistory: string[];
  date?: string;
  decisionMakers: string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  relations: ForeignRelation[];
  /** The body with the title and the metadata the front matter now carries removed. */
  body: string;
}

const linkWords: Record<string, ForeignRelation['type']> = {
  supersedes: 'supersedes',
  'superseded by': 'superseded-by',
  amends: 'amends',
  'amended by': 'amended-by',
  clarifies: 'clarifies',
  'clarified by': 'clarified-by',
  'depends on': 'depends-on',
  'required by': 'required-by',
};

const statusWords: Record<string, AdrStatus> = {
  proposed: 'proposed',
  draft: 'proposed',
  accepted: 'accepted',
  rejected: 'rejected',
  deprecated: 'deprecated',
  superseded: 'superseded',
};

/** "Superseded by [3. X](0003-x.md)" → relation; returns undefined for plain status words. */
export function parseRelationLine(line: string): ForeignRelation | undefined {
  const m = /^\s*([A-Za-z][A-Za-z ]*?)\s*:?\s*\[([^\]]*)\]\(([^)\s]+)\)/.exec(line);
  if (!m) return undefined;
  const type = linkWords[m[1]!.toLowerCase()] ?? 'relates-to';
  const file = m[3]!.replace(/^\.\//, '').split('/').pop()!;
  const num = /^(\d+)[-.]/.exec(file) ?? /^(?:ADR-)?(\d+)\b/i.exec(m[2]!);
  return { type, file, number: num ? Number(num[1]) : undefined };
}

function statusFrom(text: string): AdrStatus {
  const word =
    text
      .trim()
      .toLowerCase()
      .split(/[\s:[]/)[0] ?? '';
  return statusWords[word] ?? 'proposed';
}

const list = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map(String).filter(Boolean)
    : typeof v === 'string'
      ? v
          .split(/,\s*/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [];

function date(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const m = /(\d{4}-\d{2}-\d{2})/.exec(String(v ?? ''));
  return m?.[1];
}

/** Takes the first `# heading` off the body; returns its text. */
function takeTitle(body: string): { title: string; rest: string } {
  const m = /^\s*#\s+(.+?)\s*#*\s*$/m.exec(body);
  if (!m) return { title: '', rest: body };
  return { title: m[1]!, rest: body.slice(0, m.index) + body.slice(m.index + m[0].length) };
}

/** Reads one record in any of the supported styles (detected from its shape). */
export function parseForeignRecord(file: string, source: string): ForeignRecord | undefined {
  const { data, body } = parseMarkdown(source, file);
  const fileNumber = /^(\d{1,6})-/.exec(file)?.[1];
  const base = {
    file,
    decisionMakers: [] as string[],
    consulted: [] as string[],
    informed: [] as string[],
    tags: [] as string[],
    relations: [] as ForeignRelation[],
  };
  let { title, rest } = takeTitle(body);
  if (!title) return undefined;

  if (Object.keys(data).length > 0 && data.status !== undefined) {
    const status = String(data.status);
    const relation = parseRelationLine(status.replace(/^superseded by\s*/i, 'Superseded by '));
    return {
      ...base,
      format: 'decision-makers' in data ? 'madr4' : 'madr3',
      sourceNumber: fileNumber ? Number(fileNumber) : undefined,
      title,
      status: statusFrom(status),
      statusHistory: [status],
      date: date(data.date),
      decisionMakers: list(data['decision-makers'] ?? data.deciders),
      consulted: list(data.consulted),
      informed: list(data.informed),
      tags: list(data.tags),
      relations: relation ? [relation] : [],
      body: rest,
    };
  }

  const nygard = /^(\d+)\.\s+(.*)$/.exec(title);
  const statusSection = /^##\s+Status\s*\n([\s\S]*?)(?=^##\s)/m.exec(rest);
  if (nygard && statusSection) {
    const lines = statusSection[1]!
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const relations = lines.map(parseRelationLine).filter((r): r is ForeignRelation => r !== undefined);
    const plain = lines.filter((l) => !parseRelationLine(l));
    const superseded = relations.some((r) => r.type === 'superseded-by');
    rest = rest.replace(statusSection[0], '').replace(/^Date:\s*(\S+)\s*$/m, '');
    return {
      ...base,
      format: 'nygard',
      sourceNumber: Number(nygard[1]),
      title: nygard[2]!,
      status: superseded ? 'superseded' : statusFrom(plain[plain.length - 1] ?? 'proposed'),
      statusHistory: lines,
      date: date(/^Date:\s*(\S+)/m.exec(body)?.[1]),
      relations,
      body: rest,
    };
  }

  // MADR 2 (`* Status:`) or log4brains (`- Status:`): a metadata list right under the title.
  const meta = /^((?:[*-]\s+[A-Za-z ]+:.*\n?)+)/m.exec(rest.replace(/^\s+/, ''));
  const fields = new Map<string, string>();
  for (const line of meta?.[1]?.split('\n') ?? []) {
    const m = /^[*-]\s+([A-Za-z ]+?):\s*(.*)$/.exec(line);
    if (m) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  const status = fields.get('status');
  if (!status) return undefined;
  const relation = parseRelationLine(status.replace(/^superseded by\s*/i, 'Superseded by '));
  return {
    ...base,
    format: meta![1]!.trimStart().startsWith('-') ? 'log4brains' : 'madr2',
    sourceNumber: fileNumber && !/^\d{8}-/.test(file) ? Number(fileNumber) : undefined,
    title,
    status: statusFrom(status),
    statusHistory: [status],
    date: date(fields.get('date')),
    decisionMakers: list(fields.get('deciders')),
    tags: list(fields.get('tags')),
    relations: relation ? [relation] : [],
    body: rest.replace(meta![1]!, ''),
  };
}
