import { KbError } from '../core/errors.ts';
import { isHandleSummary } from './k6-summary.ts';
import { isObject, stripBom } from './input.ts';
import { genericDirectionFromUnits } from './generic.ts';
import { locustCsvRole } from './locust-csv.ts';
import { formatIds, type FormatId } from './run-schema.ts';

/**
 * Which tool wrote a file, from its content only (never its name). `head` is
 * the start of the file (enough for line-based formats); `parsed` is the
 * whole document when it is JSON small enough to have been parsed.
 */
export interface DetectInput {
  path: string;
  head: string;
  parsed?: unknown;
}

const supportedList = formatIds.join(', ');

export function unknownFormat(file: string, why = 'the format of this file is not recognised'): KbError {
  return new KbError('UNKNOWN_FORMAT', why, {
    file,
    hint: `supported formats: ${supportedList}; pass --format <id> if the file is one of them`,
  });
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
}

/** True when the head looks like a JSON document (so the caller should parse it before detecting). */
export function looksLikeJson(head: string): boolean {
  const t = stripBom(head).trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

/** A k6 `--out json` line: {"type":"Metric"|"Point", "metric": …, "data": …}. */
export function looksLikeK6Ndjson(head: string): boolean {
  const line = firstLine(stripBom(head).trimStart());
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    const rec = JSON.parse(line) as unknown;
    return (
      isObject(rec) &&
      (rec.type === 'Metric' || rec.type === 'Point') &&
      typeof rec.metric === 'string' &&
      isObject(rec.data)
    );
  } catch {
    return false;
  }
}

function detectJson(doc: unknown): FormatId | undefined {
  if (Array.isArray(doc)) {
    const items = doc.filter(isObject);
    if (items.length === 0 || items.length !== doc.length) return undefined;
    if (items.every((i) => typeof i.name === 'string' && 'num_requests' in i)) return 'locust-json';
    if (items.every((i) => typeof i.name === 'string' && typeof i.unit === 'string' && 'value' in i)) {
      return genericDirectionFromUnits(items.map((i) => String(i.unit))) === 'higher'
        ? 'generic-bigger-is-better'
        : 'generic-smaller-is-better';
    }
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  if (isObject(doc.metrics) && ('root_group' in doc || 'state' in doc || 'options' in doc))
    return isHandleSummary(doc) ? 'k6-handle-summary' : 'k6-summary-export';
  if (
    Array.isArray(doc.results) &&
    doc.results.every((r) => isObject(r) && typeof r.command === 'string' && 'mean' in r)
  )
    return 'hyperfine';
  if (typeof doc.lighthouseVersion === 'string' || (isObject(doc.audits) && isObject(doc.categories)))
    return 'lighthouse';
  if (Array.isArray(doc.benchmarks) && isObject(doc.machine_info)) return 'pytest-benchmark';
  if (Array.isArray(doc.benchmarks) && isObject(doc.context)) return 'google-benchmark';
  if (isObject(doc.latency) && isObject(doc.requests) && ('2xx' in doc || 'non2xx' in doc || 'connections' in doc))
    return 'autocannon';
  // Locust --json in newer versions may wrap the list: {"stats": [...]}.
  if (Array.isArray(doc.stats) && doc.stats.every((s) => isObject(s) && 'num_requests' in s)) return 'locust-json';
  return undefined;
}

/**
 * Detects the format of one file. `override` (from --format) wins when valid.
 * Throws UNKNOWN_FORMAT (listing the formats and suggesting --format) when no rule matches.
 */
export function detectFormat(input: DetectInput, override?: string): FormatId {
  if (override !== undefined) {
    if ((formatIds as readonly string[]).includes(override)) return override as FormatId;
    throw new KbError('BAD_ARGUMENT', `unknown --format "${override}"`, {
      field: '--format',
      hint: `use one of: ${supportedList}`,
    });
  }
  const head = stripBom(input.head);
  if (head.trim() === '')
    throw new KbError('INVALID_INPUT', 'file is empty', {
      file: input.path,
      hint: 'the tool wrote nothing; re-run it and pass its output file',
    });
  if (/^\s*window\.BENCHMARK_DATA\s*=/.test(head)) return 'github-action-benchmark-datajs';
  if (looksLikeK6Ndjson(head)) return 'k6-ndjson';
  if (input.parsed !== undefined) {
    const found = detectJson(input.parsed);
    if (found) return found;
    throw unknownFormat(input.path, 'JSON file, but not from a tool this version reads');
  }
  if (locustCsvRole(firstLine(head))) return 'locust-csv';
  if (/Running .* test @/.test(head) && /Requests\/sec:/.test(head)) return 'wrk';
  throw unknownFormat(input.path);
}
