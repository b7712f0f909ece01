import { createHash } from 'node:crypto';
import { KbError } from '../core/errors.ts';
import type { RunBody, SourceText } from './adapter.ts';
import { adapters } from './adapters.ts';
import { detectFormat, looksLikeJson } from './detect.ts';
import { decodeText, parseJson } from './input.ts';
import { K6NdjsonReader } from './k6-ndjson.ts';
import { formatIds, RUN_SCHEMA_VERSION, runSchema, type FormatId, type Run } from './run-schema.ts';
import { idSlug, idStamp } from './run-id.ts';

/**
 * The public entry of ingest: tool output files in, normalized runs out.
 * Pure apart from reading the streams it is handed; `now` is passed in.
 */

export interface RunFile {
  /** How the file is named in messages and in `source.files` (relative path preferred). */
  path: string;
  /** The whole file, for ordinary sizes. */
  bytes?: Uint8Array;
  /**
   * A stream of the file, for large ones (k6 NDJSON); used when `bytes` is absent.
   * A chunk may be reused by the stream once the next one is requested (see readChunks).
   */
  stream?: () => AsyncIterable<Uint8Array>;
  /** Size in bytes when known, for progress. */
  size?: number;
}

export interface ParseOptions {
  suite?: string;
  label?: string;
  week?: number;
  baseline?: boolean;
  /** Runs from public fixtures are marked as examples. */
  example?: boolean;
  /** --format override. */
  format?: string;
  now: Date;
  /** Called while streaming (bytes read so far, total when known). */
  onProgress?: (done: number, total: number | undefined) => void;
}

/** Bytes read before deciding the format of a streamed file. */
const HEAD_BYTES = 64 * 1024;

function checkOptions(options: ParseOptions): void {
  if (options.suite !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(options.suite)) {
    throw new KbError('BAD_ARGUMENT', `suite "${options.suite}" is not a lowercase slug`, {
      field: '--suite',
      hint: 'use lowercase letters, digits and dashes, e.g. "api-gateway"',
    });
  }
  if (options.week !== undefined && !(Number.isInteger(options.week) && options.week >= 1 && options.week <= 12)) {
    throw new KbError('BAD_ARGUMENT', `week ${options.week} is not 1–12`, {
      field: '--week',
      hint: 'pass the plan week, 1 to 12',
    });
  }
}

function finishRun(body: RunBody, files: string[], sha256: string, options: ParseOptions): Run {
  const suite = options.suite ?? (body.suiteHint ? idSlug(body.suiteHint) || body.tool.name : body.tool.name);
  const label = options.label;
  const multiple = label ? /^(\d+(?:\.\d+)?)x$/i.exec(label.trim()) : null;
  const ingestedAt = options.now.toISOString();
  const idParts = [suite, idStamp(body.startedAt ?? ingestedAt), label ? idSlug(label) : ''].filter(Boolean);
  const run = {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: idParts.join('-'),
    suite,
    tool: body.tool,
    format: body.format,
    ...(body.startedAt !== undefined ? { startedAt: body.startedAt } : {}),
    ...(body.durationMs !== undefined ? { durationMs: body.durationMs } : {}),
    ingestedAt,
    source: { files, sha256 },
    labels: Object.fromEntries(
      Object.entries({
        label,
        loadMultiple: multiple ? Number(multiple[1]) : undefined,
        week: options.week,
        baseline: options.baseline,
        example: options.example,
      }).filter(([, v]) => v !== undefined),
    ),
    environment: body.environment,
    operations: body.operations,
    ...(body.timeline ? { timeline: body.timeline } : {}),
    ...(body.checks ? { checks: body.checks } : {}),
    ...(body.thresholds ? { thresholds: body.thresholds } : {}),
  };
  const parsed = runSchema.safeParse(run);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KbError('INVALID_INPUT', `the normalized run is not valid: ${issue.message}`, {
      file: files[0],
      field: issue.path.join('.'),
      hint: 'the input has a value out of range for this field; check the file, or report an adapter bug',
    });
  }
  return parsed.data;
}

async function readHead(
  file: RunFile,
): Promise<{ head: Buffer; iterator?: AsyncIterator<Uint8Array>; rest: Buffer[] }> {
  const it = file.stream!()[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const next = await it.next();
    if (next.done) return { head: Buffer.concat(chunks), rest: chunks };
    // Copied: a stream may reuse its buffers (readChunks does) and these are kept past the next read.
    const b = Buffer.from(next.value);
    chunks.push(b);
    size += b.length;
  }
  return { head: Buffer.concat(chunks), iterator: it, rest: chunks };
}

async function streamK6(
  file: RunFile,
  first: Buffer[],
  iterator: AsyncIterator<Uint8Array> | undefined,
  hash: ReturnType<typeof createHash>,
  options: ParseOptions,
): Promise<RunBody> {
  const reader = new K6NdjsonReader(file.path);
  let done = 0;
  const feed = (b: Buffer) => {
    hash.update(b);
    reader.push(b);
    done += b.length;
    options.onProgress?.(done, file.size);
  };
  for (const b of first) feed(b);
  if (iterator) {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      feed(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
    }
  }
  return reader.end();
}

/**
 * Files of one run (or of a multi-run history file) → normalized runs.
 * Several files must be parts of one run of one format (Locust stats + history + failures).
 */
export async function parseRuns(files: RunFile[], options: ParseOptions): Promise<Run[]> {
  checkOptions(options);
  if (files.length === 0)
    throw new KbError('USAGE', 'no input files', { hint: 'pass the tool output file(s) to ingest' });
  const hash = createHash('sha256');
  const sources: SourceText[] = [];
  const formats: FormatId[] = [];
  for (let file of files) {
    if (file.bytes === undefined && file.stream === undefined)
      throw new KbError('INTERNAL', 'file has neither bytes nor stream', { file: file.path });
    if (file.bytes === undefined) {
      const { head, iterator, rest } = await readHead(file);
      if (head.length === 0)
        throw new KbError('INVALID_INPUT', 'file is empty', {
          file: file.path,
          hint: 'the tool wrote nothing; re-run it and pass its output file',
        });
      const headText = decodeText(head.subarray(0, Math.min(head.length, HEAD_BYTES))).text;
      // JSON documents are only parsed once gathered; NDJSON is recognised from its first line.
      const format =
        looksLikeJson(headText) && !options.format && !/^\s*\{"(?:metric|type)":/.test(headText)
          ? undefined
          : detectFormat({ path: file.path, head: headText }, options.format);
      if (format === 'k6-ndjson') {
        if (files.length > 1)
          throw new KbError('USAGE', 'a k6 NDJSON file is a run of its own', {
            file: file.path,
            hint: 'ingest it alone',
          });
        const body = await streamK6(file, rest, iterator, hash, options);
        return [finishRun(body, [file.path], hash.digest('hex'), options)];
      }
      // Not streamable: gather the rest and go the ordinary way.
      const all = [...rest];
      if (iterator)
        for (let n = await iterator.next(); !n.done; n = await iterator.next()) all.push(Buffer.from(n.value));
      file = { path: file.path, bytes: Buffer.concat(all) };
    }
    const bytes = file.bytes!;
    hash.update(bytes);
    if (bytes.length === 0)
      throw new KbError('INVALID_INPUT', 'file is empty', {
        file: file.path,
        hint: 'the tool wrote nothing; re-run it and pass its output file',
      });
    const decoded = decodeText(bytes);
    if (decoded.text.trim() === '')
      throw new KbError('INVALID_INPUT', 'file has only white space', {
        file: file.path,
        hint: 'the tool wrote nothing; re-run it and pass its output file',
      });
    const head = decoded.text.slice(0, HEAD_BYTES);
    let parsed: unknown;
    if (looksLikeJson(head) && !/^\s*\{"(?:metric|type)":/.test(head)) parsed = parseJson(decoded.text, file.path);
    const format = detectFormat({ path: file.path, head, parsed }, options.format);
    formats.push(format);
    sources.push({ path: file.path, text: decoded.text, ...(decoded.encoding ? { encoding: decoded.encoding } : {}) });
  }
  const format = formats[0]!;
  const mixed = formats.find((f) => f !== format);
  if (mixed) {
    throw new KbError('USAGE', `files of different formats given together (${format} and ${mixed})`, {
      file: sources[formats.indexOf(mixed)]?.path,
      hint: 'ingest one run at a time; only a Locust stats CSV and its history/failures CSVs go together',
    });
  }
  if (format !== 'locust-csv' && sources.length > 1) {
    throw new KbError('USAGE', `${sources.length} ${format} files given for one run`, {
      file: sources[1]?.path,
      hint: 'ingest each file as its own run',
    });
  }
  const sha256 = hash.digest('hex');
  let bodies: RunBody[];
  if (format === 'k6-ndjson') {
    const reader = new K6NdjsonReader(sources[0]!.path);
    reader.push(Buffer.from(files[0]!.bytes ?? Buffer.alloc(0)));
    bodies = [reader.end()];
  } else {
    bodies = adapters[format](sources);
  }
  const paths = sources.map((s) => s.path);
  return bodies.map((body) => finishRun(body, paths, sha256, options));
}

/** One run from its files; a multi-run input (data.js history) is a USAGE error here, use parseRuns. */
export async function parseRunFiles(files: RunFile[], options: ParseOptions): Promise<Run> {
  const runs = await parseRuns(files, options);
  if (runs.length !== 1) {
    throw new KbError('USAGE', `the input holds ${runs.length} runs, not one`, {
      file: files[0]?.path,
      hint: 'ingest it with parseRuns (kb ingest stores each run)',
    });
  }
  return runs[0]!;
}

export { formatIds };
