import { parse } from 'csv-parse/sync';
import { KbError } from '../core/errors.ts';
import type { RunBody, SourceText } from './adapter.ts';
import { at, compact, invalid, type At } from './input.ts';
import type { Latency, Operation } from './run-schema.ts';

/**
 * Locust `--csv PREFIX` output: `PREFIX_stats.csv` (one row per endpoint plus
 * "Aggregated"), optionally `PREFIX_stats_history.csv` (→ timeline) and
 * `PREFIX_failures.csv` and `PREFIX_exceptions.csv`. Locust writes times in ms already. Column names
 * changed over versions ("# requests" → "Request Count", "Method" → "Type").
 */

export type LocustCsvRole = 'stats' | 'history' | 'failures' | 'exceptions';

type Row = Record<string, string>;

interface Table {
  file: string;
  header: string[];
  rows: { line: number; cells: Row }[];
}

/** The role of a Locust CSV file from its header line, or undefined when it is not one. */
export function locustCsvRole(firstLine: string): LocustCsvRole | undefined {
  const header = firstLine.replace(/"/g, '');
  if (/^Timestamp,User Count,/.test(header)) return 'history';
  if (/^(?:Type|Method),Name,(?:Request Count|# requests),/.test(header)) return 'stats';
  if (/^(?:Type|Method),Name,Error,Occurrences/.test(header)) return 'failures';
  if (/^Count,Message,Traceback,Nodes/.test(header)) return 'exceptions';
  return undefined;
}

function readTable(source: SourceText): Table {
  // Legacy Locust on Windows wrote "\r\r\n"; CRLF and a BOM are normal too.
  const text = source.text.replace(/\r+\n/g, '\n');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }) as string[][];
  } catch (cause) {
    throw new KbError('INVALID_INPUT', `CSV does not parse: ${(cause as Error).message}`, {
      file: source.path,
      hint: 'check the file is a complete Locust CSV export',
      cause,
    });
  }
  const [header, ...body] = records;
  if (!header)
    throw new KbError('INVALID_INPUT', 'CSV has no header line', {
      file: source.path,
      hint: 'pass the Locust *_stats.csv file as written by --csv',
    });
  const rows = body.map((cells, i) => ({
    line: i + 2,
    cells: Object.fromEntries(header.map((h, j) => [h.trim(), (cells[j] ?? '').trim()])),
  }));
  return { file: source.path, header: header.map((h) => h.trim()), rows };
}

function requireColumns(table: Table, wanted: readonly (readonly string[])[], what: string): void {
  const missing = wanted
    .filter((alternatives) => !alternatives.some((a) => table.header.includes(a)))
    .map((a) => `"${a[0]}"`);
  if (missing.length > 0) {
    throw new KbError(
      'INVALID_INPUT',
      `${what} is missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      {
        file: table.file,
        field: 'header',
        hint: 'pass the file exactly as Locust wrote it (--csv); hand-edited exports must keep these columns',
      },
    );
  }
}

function pick(row: Row, names: readonly string[]): string | undefined {
  for (const n of names) if (row[n] !== undefined) return row[n];
  return undefined;
}

/** A numeric cell: "" and "N/A" are absent; anything else must be a non-negative number. */
function cell(row: Row, names: readonly string[], where: At): number | undefined {
  const raw = pick(row, names);
  if (raw === undefined || raw === '' || raw === 'N/A') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value))
    throw invalid(
      where,
      `is ${JSON.stringify(raw)}, not a number`,
      'Locust writes numbers or N/A here; re-export the CSV',
    );
  if (value < 0)
    throw invalid(where, `is negative (${raw})`, 'a measured statistic cannot be below zero; re-export the CSV');
  return value;
}

const col = {
  type: ['Type', 'Method'],
  name: ['Name'],
  count: ['Request Count', '# requests'],
  failures: ['Failure Count', '# failures'],
  median: ['Median Response Time'],
  mean: ['Average Response Time'],
  min: ['Min Response Time'],
  max: ['Max Response Time'],
  rps: ['Requests/s'],
} as const;

/** Percentile columns ("95%") → latency keys; columns without a schema key (66%, 98%, 99.99% …) are left out. */
const percentileColumns: Record<string, keyof Latency> = {
  '50%': 'p50',
  '75%': 'p75',
  '90%': 'p90',
  '95%': 'p95',
  '99%': 'p99',
  '99.9%': 'p999',
};

function rowWhere(table: Table, line: number, column: string): At {
  return at(table.file, `line ${line}: ${column}`);
}

function operationsFromStats(table: Table): Operation[] {
  requireColumns(
    table,
    [col.name, col.count, col.failures, col.median, col.mean, col.min, col.max, col.rps],
    'Locust stats CSV',
  );
  return table.rows.map(({ line, cells }) => {
    const w = (c: readonly string[]) => rowWhere(table, line, c[0]!);
    const name = cells.Name ?? '';
    const type = pick(cells, col.type);
    const count = cell(cells, col.count, w(col.count));
    const errors = cell(cells, col.failures, w(col.failures));
    const latency: Latency = compact({
      min: cell(cells, col.min, w(col.min)),
      mean: cell(cells, col.mean, w(col.mean)),
      median: cell(cells, col.median, w(col.median)),
      max: cell(cells, col.max, w(col.max)),
    });
    for (const [column, key] of Object.entries(percentileColumns)) {
      if (column in cells) {
        const v = cell(cells, [column], rowWhere(table, line, column));
        if (v !== undefined) latency[key] = v;
      }
    }
    const aggregate = name === 'Aggregated' && !type;
    return compact<Operation>({
      name,
      kind: type || undefined,
      aggregate: aggregate || undefined,
      count,
      errors,
      errorRate: count !== undefined && errors !== undefined && count > 0 ? errors / count : undefined,
      throughput: cell(cells, col.rps, w(col.rps)),
      latency: Object.keys(latency).length > 0 ? latency : undefined,
    });
  });
}

function timelineFromHistory(table: Table): { timeline: NonNullable<RunBody['timeline']>; start?: number } {
  requireColumns(table, [['Timestamp'], ['User Count'], col.name, col.rps], 'Locust stats history CSV');
  const rows = table.rows.filter((r) => r.cells.Name === 'Aggregated');
  const stamps = rows
    .map((r) => cell(r.cells, ['Timestamp'], rowWhere(table, r.line, 'Timestamp')))
    .filter((t): t is number => t !== undefined);
  const start = stamps.length > 0 ? Math.min(...stamps) : undefined;
  const timeline = rows.flatMap(({ line, cells }) => {
    const w = (c: string) => rowWhere(table, line, c);
    const ts = cell(cells, ['Timestamp'], w('Timestamp'));
    if (ts === undefined || start === undefined) return [];
    const rps = cell(cells, col.rps, w('Requests/s'));
    const fps = cell(cells, ['Failures/s'], w('Failures/s'));
    return [
      compact({
        t: ts - start,
        users: cell(cells, ['User Count'], w('User Count')),
        throughput: rps,
        // Failures/s over Requests/s is the error ratio of that window; with no requests there is no ratio.
        errorRate: rps !== undefined && fps !== undefined && rps > 0 ? Math.min(1, fps / rps) : undefined,
        p50: cell(cells, ['50%'], w('50%')),
        p95: cell(cells, ['95%'], w('95%')),
        p99: cell(cells, ['99%'], w('99%')),
      }),
    ];
  });
  return { timeline, start };
}

function failuresAsMetrics(table: Table, operations: Operation[]): void {
  requireColumns(table, [col.type, col.name, ['Error'], ['Occurrences']], 'Locust failures CSV');
  for (const { line, cells } of table.rows) {
    const occurrences = cell(cells, ['Occurrences'], rowWhere(table, line, 'Occurrences'));
    if (occurrences === undefined) continue;
    const op = operations.find((o) => o.name === cells.Name && (o.kind ?? '') === (pick(cells, col.type) ?? ''));
    if (!op) continue;
    (op.metrics ??= []).push({
      name: `failure: ${cells.Error ?? ''}`,
      unit: 'count',
      value: occurrences,
      direction: 'lower',
    });
  }
}

/** Exceptions raised in the locustfile (PREFIX_exceptions.csv) → count metrics on the Aggregated row. */
function exceptionsAsMetrics(table: Table, operations: Operation[]): void {
  requireColumns(table, [['Count'], ['Message']], 'Locust exceptions CSV');
  const target = operations.find((o) => o.aggregate) ?? operations[0];
  if (!target) return;
  for (const { line, cells } of table.rows) {
    const count = cell(cells, ['Count'], rowWhere(table, line, 'Count'));
    if (count !== undefined)
      (target.metrics ??= []).push({
        name: `exception: ${cells.Message ?? ''}`,
        unit: 'count',
        value: count,
        direction: 'lower',
      });
  }
}

/** Locust CSV files of one run (stats required; history and failures optional) → one run body. */
export function parseLocustCsv(files: SourceText[]): RunBody[] {
  const byRole = new Map<LocustCsvRole, Table>();
  const encodings = new Set<string>();
  for (const f of files) {
    const role = locustCsvRole(f.text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '');
    if (!role)
      throw new KbError('INVALID_INPUT', 'not a Locust stats, stats history or failures CSV', {
        file: f.path,
        field: 'header',
        hint: 'pass the files Locust wrote with --csv',
      });
    if (byRole.has(role))
      throw new KbError('USAGE', `two Locust ${role} files given for one run`, {
        file: f.path,
        hint: 'ingest one run at a time: PREFIX_stats.csv with its own PREFIX_stats_history.csv',
      });
    byRole.set(role, readTable(f));
    if (f.encoding) encodings.add(f.encoding);
  }
  const stats = byRole.get('stats');
  if (!stats) {
    throw new KbError('USAGE', 'a Locust run needs its *_stats.csv file', {
      file: files[0]?.path,
      hint: 'pass PREFIX_stats.csv too (history and failures alone carry no per-endpoint totals)',
    });
  }
  const operations = operationsFromStats(stats);
  const history = byRole.get('history');
  const failures = byRole.get('failures');
  if (failures) failuresAsMetrics(failures, operations);
  const exceptions = byRole.get('exceptions');
  if (exceptions) exceptionsAsMetrics(exceptions, operations);
  const environment: Record<string, string> = {};
  if (encodings.size > 0) environment['source-encoding'] = [...encodings].join(', ');
  const body: RunBody = { tool: { name: 'locust' }, format: 'locust-csv', environment, operations };
  if (history) {
    const { timeline, start } = timelineFromHistory(history);
    if (timeline.length > 0) body.timeline = timeline;
    if (start !== undefined) body.startedAt = new Date(start * 1000).toISOString();
    // No durationMs: history rows can stop before the run does (bench-local's 20 s runs have 10 s of history).
  }
  return [body];
}
