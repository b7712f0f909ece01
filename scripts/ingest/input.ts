import { KbError } from '../core/errors.ts';

/**
 * Reading tool output: bytes → text, JSON with positions in errors, and
 * statistics checked one field at a time so a bad value is named by its path.
 */

export interface DecodedText {
  text: string;
  /** Set when the bytes were not UTF-8 and a fallback decoder was used. */
  encoding?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes tool output. UTF-8 first (a BOM is dropped). Bytes that are not
 * valid UTF-8 are tried as GB18030 (a superset of GBK: legacy Locust on
 * Chinese Windows writes names that way, see the legacy-2020-gbk fixture),
 * and when even that fails, as latin1, which never fails. Names then come out
 * readable or at worst mojibake, never a crash; the run's environment records
 * `source-encoding` so the fallback is visible.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: stripBom(utf8.decode(bytes)) };
  } catch {
    try {
      return { text: stripBom(new TextDecoder('gb18030', { fatal: true }).decode(bytes)), encoding: 'gb18030' };
    } catch {
      return { text: stripBom(Buffer.from(bytes).toString('latin1')), encoding: 'latin1' };
    }
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    last = i;
  }
  return { line, column: offset - last };
}

/** Python's json module writes NaN/Infinity, which JSON.parse rejects; they become strings here so the statistic check names the field. */
const bareNonFinite = /"(?:[^"\\]|\\.)*"|-?\b(?:NaN|Infinity)\b/g;

/** Parses JSON; a syntax error becomes INVALID_INPUT naming the line and column (or "truncated"). */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (first) {
    if (/\b(?:NaN|Infinity)\b/.test(text)) {
      try {
        return JSON.parse(text.replace(bareNonFinite, (m) => (m.startsWith('"') ? m : `"${m}"`)));
      } catch {
        // fall through to the original error
      }
    }
    const message = first instanceof Error ? first.message : String(first);
    const pos = /position (\d+)/.exec(message);
    const trimmed = text.trimEnd();
    const atEnd = /end of (?:JSON|data)/i.test(message) || (pos !== null && Number(pos[1]) >= trimmed.length);
    const offset = pos ? Number(pos[1]) : trimmed.length;
    const { line, column } = lineAndColumn(text, offset);
    throw new KbError(
      'INVALID_INPUT',
      atEnd
        ? `JSON is truncated: it ends at line ${line}, column ${column} (offset ${offset}) before the document is closed`
        : `invalid JSON at line ${line}, column ${column} (offset ${offset}): ${message.split('\n')[0]}`,
      {
        file,
        hint: atEnd
          ? 'the tool was probably interrupted while writing; re-run it or pass the complete file'
          : 'fix the file or re-export it from the tool',
        cause: first,
      },
    );
  }
}

/** A JSON-ish object as read from a file. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a value came from, for messages: the file and a field path. */
export interface At {
  file: string;
  field: string;
}

export function at(file: string, field: string): At {
  return { file, field };
}

export function child(where: At, key: string | number): At {
  if (typeof key === 'number') return { file: where.file, field: `${where.field}[${key}]` };
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  return { file: where.file, field: where.field ? `${where.field}.${safe}` : safe };
}

export function invalid(where: At, what: string, hint: string): KbError {
  return new KbError('INVALID_INPUT', what, { file: where.file, field: where.field, hint });
}

/**
 * A statistic: absent (undefined/null) stays absent; a finite number is
 * returned; anything else (a string, NaN, a negative value when `signed` is
 * not set) is an INVALID_INPUT error naming the field.
 */
export function stat(value: unknown, where: At, options: { signed?: boolean } = {}): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (!options.signed && value < 0)
      throw invalid(
        where,
        `is negative (${value})`,
        'a measured statistic cannot be below zero; fix or re-export the file',
      );
    return value;
  }
  if (typeof value === 'number' || value === 'NaN' || value === 'Infinity' || value === '-Infinity') {
    throw invalid(
      where,
      `is ${String(value)}, not a finite number`,
      'the tool produced no value here; re-run it or remove the entry',
    );
  }
  throw invalid(
    where,
    `is ${typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `a ${Array.isArray(value) ? 'list' : typeof value}`}, not a number`,
    'write the statistic as a JSON number',
  );
}

/** `stat` on `obj[key]`, with the field path extended by the key. */
export function statOf(obj: Json, key: string, where: At, options: { signed?: boolean } = {}): number | undefined {
  return stat(obj[key], child(where, key), options);
}

export function stringOf(obj: Json, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}

/** Multiplies when present; keeps "absent" absent. */
export function scale(value: number | undefined, factor: number): number | undefined {
  return value === undefined ? undefined : value * factor;
}

/** Milliseconds per one of a time unit, for the units tools print. */
export const msPer: Record<string, number> = {
  ns: 1e-6,
  nanoseconds: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  microseconds: 1e-3,
  ms: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};

/**
 * value × factor, dividing for sub-unit factors so 700 µs is 0.7 ms exactly
 * (700 × 0.001 is 0.7000000000000001).
 */
export function convert(value: number, factor: number): number {
  return factor < 1 ? value / Math.round(1 / factor) : value * factor;
}

/** Drops keys whose value is undefined, so absent statistics are absent in the JSON too. */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** A date the tool printed → ISO 8601 with offset, or undefined when it does not parse. */
export function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
