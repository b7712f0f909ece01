import { KbError } from '../core/errors.ts';
import { FNV_OFFSET, fnv1aStep } from '../core/fnv1a.mjs';
import type { RunBody } from './adapter.ts';
import { compact, isObject } from './input.ts';
import { bytesEqual, parseNumber, startsWithAt, TimeParser } from './k6-ndjson-bytes.ts';
import { Series, Timeline } from './k6-ndjson-stats.ts';
import type { Metric, Operation } from './run-schema.ts';

/**
 * k6 `--out json` NDJSON, streamed in constant memory. Files are gigabytes,
 * so the hot path never calls JSON.parse: a line shaped the way k6 writes
 * Points (`{"metric":"…","type":"Point","data":{"time":"…","value":…,"tags":{…}}}`)
 * is read with byte searches on the raw Buffer. Any other line (Metric records,
 * other key orders, escapes in the fields we read) goes through JSON.parse.
 * Latencies go into HDR histograms (1 µs resolution, 3 significant digits,
 * so percentiles are within 0.1 %); count, min, max, mean and stddev are exact.
 */

enum Kind {
  Skip,
  Duration,
  Failed,
  Vus,
  Checks,
  DataSent,
  DataReceived,
  Iterations,
  Trend,
}

const builtinKinds: Record<string, Kind> = {
  http_req_duration: Kind.Duration,
  http_req_failed: Kind.Failed,
  vus: Kind.Vus,
  checks: Kind.Checks,
  data_sent: Kind.DataSent,
  data_received: Kind.DataReceived,
  iterations: Kind.Iterations,
  iteration_duration: Kind.Trend,
};

/** Timing phases of a request: parts of http_req_duration, not reported separately. */
const skipped = new Set([
  'http_reqs',
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
  'vus_max',
  'group_duration',
]);

const MARK_METRIC = Buffer.from('{"metric":"');
const MARK_POINT = Buffer.from('","type":"Point","data":{"time":"');
const MARK_VALUE = Buffer.from('","value":');
const KEY_NAME = Buffer.from('"name":"');
const KEY_URL = Buffer.from('"url":"');
const KEY_METHOD = Buffer.from('"method":"');
const KEY_CHECK = Buffer.from('"check":"');
const KEY_GROUP = Buffer.from('"group":"');
const K_NAME = 0;
const K_URL = 1;
const K_METHOD = 2;
const K_CHECK = 3;
const K_GROUP = 4;

interface Endpoint {
  name: string;
  method?: string;
  series: Series;
  nameBytes: Buffer;
  methodBytes: Buffer;
}

export interface K6NdjsonProgress {
  bytes: number;
  lines: number;
}

/** Accumulates k6 NDJSON chunks; `end()` gives the run body. */
export class K6NdjsonReader {
  private readonly file: string;
  private carry: Buffer | undefined;
  private line = 0;
  bytes = 0;
  private readonly kinds = new Map<string, Kind>();
  private readonly overall = new Series();
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly endpointByHash = new Map<number, Endpoint>();
  private readonly metricByHash = new Map<number, { name: string; kind: Kind; bytes: Buffer }>();
  /** The current fast-path line: buffer, start of the search for tags, end. */
  private cb: Buffer | undefined;
  private cf = 0;
  private ce = 0;
  /** The current slow-path line's parsed tags. */
  private ctags: Record<string, unknown> | undefined;
  private spanStart = 0;
  private spanEnd = 0;
  private spanEscaped = false;
  private readonly keyBuf: (Buffer | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  private readonly keyPos: number[] = [-2, -2, -2, -2, -2];
  private readonly trends = new Map<string, Series>();
  private readonly checks = new Map<string, { passes: number; fails: number }>();
  private readonly timeline = new Timeline();
  private readonly time = new TimeParser();
  private dataSent = 0;
  private dataReceived = 0;
  private iterations = 0;
  private vusMax = -Infinity;
  private seen = { dataSent: false, dataReceived: false, iterations: false };
  private firstMs = Infinity;
  private lastMs = -Infinity;
  private readonly trendMetrics = new Set<string>();

  constructor(file: string) {
    this.file = file;
  }

  /** Feeds the next chunk of the file. */
  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.keyBuf.fill(undefined);
    let start = 0;
    if (this.carry) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const joined = Buffer.concat([this.carry, chunk.subarray(0, nl + 1)]);
      this.carry = undefined;
      this.lineAt(joined, 0, joined.length - 1);
      start = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      this.lineAt(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.carry = Buffer.from(chunk.subarray(start));
  }

  private lineAt(buf: Buffer, s: number, e: number): void {
    this.line += 1;
    if (e > s && buf[e - 1] === 13) e -= 1; // CRLF
    if (this.line === 1 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3; // BOM
    if (e <= s) return;
    if (!startsWithAt(buf, s, MARK_METRIC)) {
      this.slowLine(buf, s, e);
      return;
    }
    // Find the end of the metric name and hash it in one pass, so no string is made per line.
    const nameStart = s + MARK_METRIC.length;
    let nameEnd = nameStart;
    let h = FNV_OFFSET;
    for (; nameEnd < e; nameEnd++) {
      const c = buf[nameEnd]!;
      if (c === 34 || c === 92) break;
      h = fnv1aStep(h, c);
    }
    if (nameEnd >= e || buf[nameEnd] !== 34) {
      this.slowLine(buf, s, e);
      return;
    }
    const known = this.metricByHash.get(h);
    // Metrics we do not read (request phases, vus_max …) are most lines: a whole-looking
    // line (ends "}}}") of a known skipped metric is dropped without further checks.
    if (
      known !== undefined &&
      known.kind === Kind.Skip &&
      buf[e - 1] === 125 &&
      buf[e - 2] === 125 &&
      buf[e - 3] === 125 &&
      known.bytes.length === nameEnd - nameStart &&
      bytesEqual(buf, nameStart, known.bytes)
    )
      return;
    if (!startsWithAt(buf, nameEnd, MARK_POINT)) {
      this.slowLine(buf, s, e);
      return;
    }
    let kind: Kind;
    let metric: string;
    if (known !== undefined && known.bytes.length === nameEnd - nameStart && bytesEqual(buf, nameStart, known.bytes)) {
      kind = known.kind;
      metric = known.name;
    } else {
      metric = buf.toString('utf8', nameStart, nameEnd);
      kind = this.kinds.get(metric) ?? this.kindOf(metric);
      if (known === undefined)
        this.metricByHash.set(h, { name: metric, kind, bytes: Buffer.from(buf.subarray(nameStart, nameEnd)) });
    }
    if (kind === Kind.Skip) return;
    const timeStart = nameEnd + MARK_POINT.length;
    const timeEnd = buf.indexOf(34, timeStart);
    if (timeEnd === -1 || timeEnd >= e || !startsWithAt(buf, timeEnd, MARK_VALUE)) {
      this.slowLine(buf, s, e);
      return;
    }
    const valueStart = timeEnd + MARK_VALUE.length;
    const value = parseNumber(buf, valueStart, e);
    if (Number.isNaN(value)) {
      this.slowLine(buf, s, e);
      return;
    }
    const ms = this.timeMs(buf, timeStart, timeEnd);
    this.cb = buf;
    this.cf = valueStart;
    this.ce = e;
    this.point(kind, metric, value, ms);
    this.cb = undefined;
  }

  /** Kinds of metrics never seen in a Metric record yet (k6 writes the record first; be lenient). */
  private kindOf(metric: string): Kind {
    const kind =
      builtinKinds[metric] ??
      (this.trendMetrics.has(metric) ? Kind.Trend : skipped.has(metric) ? Kind.Skip : Kind.Skip);
    this.kinds.set(metric, kind);
    return kind;
  }

  /**
   * Position of a tag key inside [from, e), or -1. The next occurrence in the
   * chunk is remembered per key, so a key missing from many lines is not
   * searched for to the end of the chunk again and again.
   */
  private find(k: number, key: Buffer, buf: Buffer, from: number, e: number): number {
    let pos = this.keyPos[k]!;
    if (this.keyBuf[k] !== buf || (pos !== -1 && pos < from) || pos === -2) {
      pos = buf.indexOf(key, from);
      this.keyBuf[k] = buf;
      this.keyPos[k] = pos;
    }
    return pos !== -1 && pos < e ? pos : -1;
  }

  /** The value span of a tag in the current fast-path line: [start, end), escaped flag; undefined when absent. */
  private span(k: number, key: Buffer): boolean {
    const buf = this.cb!;
    const e = this.ce;
    const at = this.find(k, key, buf, this.cf, e);
    if (at === -1) return false;
    const vs = at + key.length;
    let escaped = false;
    let ve = vs;
    while (ve < e) {
      const c = buf[ve];
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        ve += 2;
      } else ve += 1;
    }
    if (ve >= e) return false;
    this.spanStart = vs;
    this.spanEnd = ve;
    this.spanEscaped = escaped;
    return true;
  }

  /** A tag of the current line as a string (fast path: from bytes; slow path: from the parsed tags). */
  private tag(k: number, key: Buffer, name: string): string | undefined {
    if (this.cb === undefined) {
      const v = this.ctags?.[name];
      return typeof v === 'string' ? v : undefined;
    }
    if (!this.span(k, key)) return undefined;
    const raw = this.cb.toString('utf8', this.spanStart, this.spanEnd);
    return this.spanEscaped ? (JSON.parse(`"${raw}"`) as string) : raw;
  }

  /** The endpoint of the current line: by hashing the name and method bytes on the fast path (no strings made). */
  private endpoint(): Endpoint {
    const buf = this.cb;
    if (buf !== undefined) {
      const hasName = this.span(K_NAME, KEY_NAME) || this.span(K_URL, KEY_URL);
      const ns = this.spanStart;
      const ne = this.spanEnd;
      const nameEscaped = this.spanEscaped;
      const hasMethod = this.span(K_METHOD, KEY_METHOD);
      if (hasName && hasMethod && !nameEscaped && !this.spanEscaped) {
        const ms = this.spanStart;
        const me = this.spanEnd;
        let h = FNV_OFFSET;
        for (let i = ms; i < me; i++) h = fnv1aStep(h, buf[i]!);
        h = fnv1aStep(h, 0);
        for (let i = ns; i < ne; i++) h = fnv1aStep(h, buf[i]!);
        const found = this.endpointByHash.get(h);
        if (
          found &&
          found.nameBytes.length === ne - ns &&
          found.methodBytes.length === me - ms &&
          bytesEqual(buf, ns, found.nameBytes) &&
          bytesEqual(buf, ms, found.methodBytes)
        )
          return found;
        const ep = this.endpointFor(buf.toString('utf8', ns, ne), buf.toString('utf8', ms, me));
        if (!found) this.endpointByHash.set(h, ep);
        return ep;
      }
    }
    return this.endpointFor(
      this.tag(K_NAME, KEY_NAME, 'name') ?? this.tag(K_URL, KEY_URL, 'url') ?? '(unnamed)',
      this.tag(K_METHOD, KEY_METHOD, 'method'),
    );
  }

  private endpointFor(name: string, method: string | undefined): Endpoint {
    const key = `${method ?? ''}\u0000${name}`;
    let ep = this.endpoints.get(key);
    if (!ep)
      this.endpoints.set(
        key,
        (ep = {
          name,
          method,
          series: new Series(),
          nameBytes: Buffer.from(name),
          methodBytes: Buffer.from(method ?? ''),
        }),
      );
    return ep;
  }

  private timeMs(buf: Buffer, s: number, e: number): number {
    const t = this.time.parse(buf, s, e);
    if (Number.isNaN(t)) {
      throw new KbError('INVALID_INPUT', `${JSON.stringify(buf.toString('latin1', s, e))} is not a timestamp`, {
        file: this.file,
        field: `line ${this.line}: data.time`,
        hint: 'pass the file as k6 wrote it (--out json)',
      });
    }
    return t;
  }

  private point(kind: Kind, metric: string, value: number, ms: number): void {
    if (value < 0 && (kind === Kind.Duration || kind === Kind.Trend)) {
      throw new KbError('INVALID_INPUT', `is negative (${value}) for ${metric}`, {
        file: this.file,
        field: `line ${this.line}: data.value`,
        hint: 'a duration cannot be below zero; the file is damaged',
      });
    }
    if (ms < this.firstMs) this.firstMs = ms;
    if (ms > this.lastMs) this.lastMs = ms;
    switch (kind) {
      case Kind.Duration: {
        this.overall.record(value);
        this.endpoint().series.record(value);
        this.timeline.request(ms, value);
        return;
      }
      case Kind.Failed: {
        const failed = value !== 0;
        this.overall.failedSamples += 1;
        if (failed) this.overall.errors += 1;
        const ep = this.endpoint();
        ep.series.failedSamples += 1;
        if (failed) ep.series.errors += 1;
        const b = this.timeline.at(ms);
        b.failedSamples += 1;
        if (failed) b.errors += 1;
        return;
      }
      case Kind.Vus: {
        if (value > this.vusMax) this.vusMax = value;
        const b = this.timeline.at(ms);
        b.users = Math.max(b.users ?? 0, value);
        return;
      }
      case Kind.Checks: {
        const check = this.tag(K_CHECK, KEY_CHECK, 'check') ?? '(unnamed check)';
        const group = (this.tag(K_GROUP, KEY_GROUP, 'group') ?? '').replace(/^::/, '');
        const name = group ? `${group}::${check}` : check;
        let c = this.checks.get(name);
        if (!c) this.checks.set(name, (c = { passes: 0, fails: 0 }));
        if (value !== 0) c.passes += 1;
        else c.fails += 1;
        return;
      }
      case Kind.DataSent:
        this.dataSent += value;
        this.seen.dataSent = true;
        return;
      case Kind.DataReceived:
        this.dataReceived += value;
        this.seen.dataReceived = true;
        return;
      case Kind.Iterations:
        this.iterations += value;
        this.seen.iterations = true;
        return;
      case Kind.Trend: {
        let series = this.trends.get(metric);
        if (!series) this.trends.set(metric, (series = new Series()));
        series.record(value);
        return;
      }
      default:
    }
  }

  /** Lines that are not a Point in k6's own key order: parsed the slow way. */
  private slowLine(buf: Buffer, s: number, e: number): void {
    const text = buf.toString('utf8', s, e);
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch (cause) {
      const truncated = this.carry === undefined && /end of JSON|Unterminated|Expected/.test(String(cause));
      throw new KbError(
        'INVALID_INPUT',
        `invalid JSON${truncated ? ' (the line looks cut off)' : ''}: ${(cause as Error).message.split('\n')[0]}`,
        {
          file: this.file,
          field: `line ${this.line}`,
          hint: 'k6 --out json writes one JSON object per line; a cut-off last line means the run was interrupted: remove that line or re-run',
          cause,
        },
      );
    }
    if (!isObject(rec) || typeof rec.metric !== 'string' || !isObject(rec.data)) {
      throw new KbError('INVALID_INPUT', 'not a k6 Metric or Point record', {
        file: this.file,
        field: `line ${this.line}`,
        hint: 'pass the file k6 wrote with --out json=FILE',
      });
    }
    const data = rec.data;
    if (rec.type === 'Metric') {
      if (data.type === 'trend' && !builtinKinds[rec.metric] && !skipped.has(rec.metric) && data.contains === 'time') {
        this.trendMetrics.add(rec.metric);
        this.kinds.set(rec.metric, Kind.Trend);
        this.metricByHash.clear();
      }
      return;
    }
    if (rec.type !== 'Point') return;
    const kind = this.kinds.get(rec.metric) ?? this.kindOf(rec.metric);
    if (kind === Kind.Skip) return;
    const value = data.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new KbError('INVALID_INPUT', `data.value is ${JSON.stringify(value)}, not a number`, {
        file: this.file,
        field: `line ${this.line}: data.value`,
        hint: 'pass the file as k6 wrote it',
      });
    }
    const t = typeof data.time === 'string' ? Date.parse(data.time) : Number.NaN;
    if (Number.isNaN(t))
      throw new KbError('INVALID_INPUT', 'data.time is not a timestamp', {
        file: this.file,
        field: `line ${this.line}: data.time`,
        hint: 'pass the file as k6 wrote it',
      });
    this.ctags = isObject(data.tags) ? data.tags : {};
    this.point(kind, rec.metric, value, t);
    this.ctags = undefined;
  }

  /** Finishes the stream and returns the run body. */
  end(): RunBody {
    if (this.carry && this.carry.length > 0) {
      const last = this.carry;
      this.carry = undefined;
      this.lineAt(last, 0, last.length);
    }
    if (this.line === 0 || this.bytes === 0)
      throw new KbError('INVALID_INPUT', 'file is empty', {
        file: this.file,
        hint: 'k6 wrote nothing; re-run it with --out json=FILE',
      });
    const hasTime = Number.isFinite(this.firstMs);
    const durationMs = hasTime ? this.lastMs - this.firstMs : undefined;
    const seconds = durationMs !== undefined && durationMs > 0 ? durationMs / 1000 : undefined;
    const operations: Operation[] = [];
    const metrics: Metric[] = [];
    if (this.seen.dataReceived)
      metrics.push({ name: 'data_received', unit: 'bytes', value: this.dataReceived, direction: 'lower' });
    if (this.seen.dataSent)
      metrics.push({ name: 'data_sent', unit: 'bytes', value: this.dataSent, direction: 'lower' });
    if (this.seen.iterations)
      metrics.push({ name: 'iterations', unit: 'count', value: this.iterations, direction: 'higher' });
    if (Number.isFinite(this.vusMax))
      metrics.push({ name: 'vus (max)', unit: 'count', value: this.vusMax, direction: 'higher' });
    const checkTotals = [...this.checks.values()].reduce(
      (a, c) => ({ passes: a.passes + c.passes, fails: a.fails + c.fails }),
      { passes: 0, fails: 0 },
    );
    if (checkTotals.passes + checkTotals.fails > 0)
      metrics.push({
        name: 'checks',
        unit: 'ratio',
        value: checkTotals.passes / (checkTotals.passes + checkTotals.fails),
        direction: 'higher',
      });
    if (this.overall.count > 0 || this.overall.failedSamples > 0 || metrics.length > 0) {
      operations.push(
        compact<Operation>({
          name: 'http_req_duration',
          kind: 'http',
          aggregate: true,
          count: this.overall.count,
          errors: this.overall.failedSamples > 0 ? this.overall.errors : undefined,
          errorRate: this.overall.errorRate(),
          throughput: seconds !== undefined ? this.overall.count / seconds : undefined,
          latency: this.overall.latency(),
          metrics: metrics.length > 0 ? metrics : undefined,
        }),
      );
    }
    const endpoints = [...this.endpoints.values()].sort((a, b) =>
      a.name === b.name ? (a.method ?? '').localeCompare(b.method ?? '') : a.name < b.name ? -1 : 1,
    );
    for (const ep of endpoints) {
      const s = ep.series;
      operations.push(
        compact<Operation>({
          name: ep.name,
          kind: ep.method,
          count: s.count,
          errors: s.failedSamples > 0 ? s.errors : undefined,
          errorRate: s.errorRate(),
          throughput: seconds !== undefined ? s.count / seconds : undefined,
          latency: s.latency(),
        }),
      );
    }
    for (const [name, s] of [...this.trends.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      operations.push(
        compact<Operation>({
          name,
          kind: name === 'iteration_duration' ? 'iteration' : 'trend',
          count: s.count,
          latency: s.latency(),
        }),
      );
    }
    const startSecond = hasTime ? Math.floor(this.firstMs / 1000) : 0;
    const timeline = this.timeline.points(startSecond);
    return compact<RunBody>({
      tool: { name: 'k6' },
      format: 'k6-ndjson',
      startedAt: hasTime ? new Date(this.firstMs).toISOString() : undefined,
      durationMs,
      environment: {},
      operations,
      timeline: timeline.length > 0 ? timeline : undefined,
      checks: this.checks.size > 0 ? [...this.checks.entries()].map(([name, c]) => ({ name, ...c })) : undefined,
      // NDJSON lists threshold expressions but not their outcome; k6 decides those at the end of the run, so none are reported here.
      thresholds: undefined,
    });
  }

  /** Lines read so far (for progress display). */
  get lines(): number {
    return this.line;
  }
}
