import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isKbError, type KbError } from '../core/errors.ts';
import { parseRunFiles, parseRuns, type RunFile } from './parse-run.ts';
import { runSchema } from './run-schema.ts';

/** Every failure mode has a small hand-made fixture in test-fixtures/ and an assertion on its code. */

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../fixtures');
const now = new Date('2026-01-01T00:00:00Z');

async function own(...names: string[]): Promise<RunFile[]> {
  return Promise.all(
    names.map(async (n) => ({
      path: `test-fixtures/${n}`,
      bytes: await fs.readFile(path.join(here, 'test-fixtures', n)),
    })),
  );
}

async function failure(files: RunFile[], options: Partial<Parameters<typeof parseRuns>[1]> = {}): Promise<KbError> {
  try {
    await parseRuns(files, { now, ...options });
  } catch (error) {
    if (isKbError(error)) return error;
    throw error;
  }
  throw new Error('expected a KbError');
}

describe('bad input gives one clear KbError', () => {
  it('truncated JSON names the line and says truncated', async () => {
    const e = await failure(await own('k6-summary-truncated.json'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.format()).toMatch(/^test-fixtures\/k6-summary-truncated\.json: JSON is truncated: it ends at line \d+/);
  });

  it('an empty file', async () => {
    const e = await failure(await own('empty.json'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.format()).toContain('file is empty');
  });

  it('an unknown format lists the formats and suggests --format', async () => {
    const e = await failure(await own('unknown.txt'));
    expect(e.code).toBe('UNKNOWN_FORMAT');
    expect(e.format()).toContain('--format');
    expect(e.format()).toContain('k6-ndjson');
  });

  it.each([
    'benchstat/go-runewidth-old-vs-new-3-units.txt',
    'criterion/doice-2023-fib20-new-estimates.json',
    'go-bench/bencher-fib-arm64-auxmetric.txt',
    'jmh/gab-helloworld-thrpt.json',
  ])('unsupported tool output %s is UNKNOWN_FORMAT', async (name) => {
    const e = await failure([{ path: name, bytes: await fs.readFile(path.join(fixtures, 'bench-public', name)) }]);
    expect(e.code).toBe('UNKNOWN_FORMAT');
  });

  it('a negative statistic names its field', async () => {
    const e = await failure(await own('generic-negative.json'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.field).toBe('[0].value');
    expect(e.format()).toContain('is negative (-3.5)');
  });

  it('a NaN statistic (Python json) names its field', async () => {
    const e = await failure(await own('generic-nan.json'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.field).toBe('[0].value');
    expect(e.format()).toContain('NaN');
  });

  it('a string statistic names its field', async () => {
    const e = await failure(await own('generic-string.json'));
    expect(e.field).toBe('[0].value');
    expect(e.format()).toContain('the string "12.5"');
  });

  it('a CSV with missing columns names them', async () => {
    const e = await failure(await own('locust-missing-columns_stats.csv'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.format()).toContain('"Failure Count", "Average Response Time", "Max Response Time", "Requests/s"');
  });

  it('a truncated NDJSON line names the line', async () => {
    const e = await failure(await own('k6-truncated.ndjson'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.format()).toMatch(/line 2/);
  });

  it('a negative k6 duration names the line and field', async () => {
    const e = await failure(await own('k6-negative.ndjson'));
    expect(e.field).toBe('line 1: data.value');
  });

  it('an unknown --format is a usage error', async () => {
    const e = await failure(await own('generic-range.json'), { format: 'nope' });
    expect(e.code).toBe('BAD_ARGUMENT');
  });
});

describe('awkward but valid input ingests as-is', () => {
  it('CRLF, a BOM and hostile endpoint names in a Locust CSV', async () => {
    const run = await parseRunFiles(await own('locust-crlf-bom-hostile-names_stats.csv'), { now });
    expect(runSchema.safeParse(run).success).toBe(true);
    expect(run.operations.map((o) => o.name)).toEqual(['</div>{x}|<script>', '/use `back-ticks` here', 'Aggregated']);
    expect(run.operations[0]).toMatchObject({
      kind: 'GET',
      count: 10,
      errors: 1,
      errorRate: 0.1,
      throughput: 2.5,
      latency: { p95: 18, max: 20 },
    });
  });

  it('CRLF, a BOM, escapes and other key orders in k6 NDJSON', async () => {
    const run = await parseRunFiles(await own('k6-crlf-bom-hostile-names.ndjson'), { now });
    const names = run.operations.map((o) => o.name);
    expect(names).toContain('</div>{x}|<script>');
    expect(names).toContain('a "quoted" `tick`');
    const hostile = run.operations.find((o) => o.name === '</div>{x}|<script>')!;
    expect(hostile).toMatchObject({ kind: 'GET', count: 2, errors: 1, errorRate: 1 });
    expect(hostile.latency?.min).toBe(10.5);
    expect(hostile.latency?.max).toBe(30.25);
    expect(run.startedAt).toBe('2026-01-02T03:04:05.100Z');
  });

  it('a generic list: ranges "± 3.2" and ns/iter → ms', async () => {
    const run = await parseRunFiles(await own('generic-range.json'), { now, suite: 'parser' });
    expect(run.format).toBe('generic-smaller-is-better');
    expect(run.operations[0]!.metrics![0]).toEqual({
      name: 'parse',
      unit: 'ms',
      value: 12.5,
      direction: 'lower',
      range: 3.2,
    });
    expect(run.operations[1]!.metrics![0]).toMatchObject({ unit: 'ms', value: 1.5 });
  });

  it('streams a file given as a stream, with progress', async () => {
    const bytes = await fs.readFile(path.join(fixtures, 'bench-public/k6-ndjson/search-engine-service.ndjson'));
    const seen: number[] = [];
    const stream = async function* () {
      for (let i = 0; i < bytes.length; i += 10_000) yield bytes.subarray(i, i + 10_000);
    };
    const streamed = await parseRunFiles([{ path: 'x.ndjson', stream, size: bytes.length }], {
      now,
      onProgress: (done) => seen.push(done),
    });
    const whole = await parseRunFiles([{ path: 'x.ndjson', bytes }], { now });
    expect(streamed).toEqual(whole);
    expect(seen.at(-1)).toBe(bytes.length);
  });
});

describe('Locust --json', () => {
  // No committed Locust --json output exists in the fixtures; this input is HAND-MADE
  // from Locust's documented StatsEntry fields (test-fixtures/locust-json-handmade.json).
  // Locust percentiles walk buckets from the slowest: of 3,3,5,5,5,8,8,12,20,40 the 50th is 8, the 75th 12, the 90th 40.
  it('reads a hand-made --json list with Locust percentile rules', async () => {
    const run = await parseRunFiles(await own('locust-json-handmade.json'), { now });
    expect(run.format).toBe('locust-json');
    expect(run.startedAt).toBe('2026-01-01T00:00:00.500Z');
    expect(run.operations[0]).toEqual({
      name: '/api/items/[id]',
      kind: 'GET',
      count: 10,
      errors: 1,
      errorRate: 0.1,
      throughput: 1,
      latency: { min: 3.1, mean: 12.35, median: 8, p50: 8, p75: 12, p90: 40, p95: 40, p99: 40, p999: 40, max: 40.2 },
    });
    // No requests: no percentiles, no mean, no error rate; never zeros made up.
    expect(run.operations[1]).toEqual({
      name: '</div>{x}|<script>',
      kind: 'POST',
      count: 0,
      errors: 0,
      throughput: 0,
      latency: { max: 0 },
    });
  });
});

describe('detection reads content, not names', () => {
  it('a Locust CSV named .json and a wrk report named .csv are still recognised', async () => {
    const csv = await fs.readFile(path.join(fixtures, 'bench-local/locust-1x_stats.csv'));
    const wrk = await fs.readFile(path.join(fixtures, 'bench-local/wrk-items.txt'));
    expect((await parseRunFiles([{ path: 'results.json', bytes: csv }], { now })).format).toBe('locust-csv');
    expect((await parseRunFiles([{ path: 'results.csv', bytes: wrk }], { now })).format).toBe('wrk');
  });

  it('--format overrides detection', async () => {
    const run = await parseRunFiles(await own('generic-range.json'), { now, format: 'generic-bigger-is-better' });
    expect(run.format).toBe('generic-bigger-is-better');
    expect(run.operations[0]!.metrics![0]!.direction).toBe('higher');
  });

  it('runFileFromPath streams big files and reads small ones', async () => {
    const { runFileFromPath } = await import('./files.ts');
    const small = await runFileFromPath(path.join(fixtures, 'bench-local/wrk-items.txt'), 'wrk-items.txt');
    expect(small.bytes).toEqual(await fs.readFile(path.join(fixtures, 'bench-local/wrk-items.txt')));
    expect(small.path).toBe('wrk-items.txt');
  });
});

describe('readChunks', () => {
  it('gives the same run with small reused buffers as with the whole file', async () => {
    const { readChunks } = await import('./files.ts');
    const file = path.join(fixtures, 'bench-public/k6-ndjson/k6-load-template-setup-and-default.ndjson');
    const streamed = await parseRunFiles([{ path: 'k6.ndjson', stream: () => readChunks(file, 777) }], { now });
    const whole = await parseRunFiles([{ path: 'k6.ndjson', bytes: await fs.readFile(file) }], { now });
    expect(streamed).toEqual(whole);
    const csv = path.join(fixtures, 'bench-local/locust-1x_stats.csv');
    const viaStream = await parseRunFiles([{ path: 'l.csv', stream: () => readChunks(csv, 100) }], { now });
    expect(viaStream.operations).toEqual(
      (await parseRunFiles([{ path: 'l.csv', bytes: await fs.readFile(csv) }], { now })).operations,
    );
  });
});

describe('hand-made shapes the public fixtures lack', () => {
  it('k6 handleSummary submetrics per endpoint are named by the endpoint', async () => {
    const run = await parseRunFiles(await own('k6-handle-summary-endpoint-submetrics.json'), { now });
    expect(run.operations.map((o) => [o.name, o.kind])).toEqual([
      ['http_req_duration', 'http'],
      ['GET /items', 'http'],
      ['http://x/orders', 'POST'],
      ['http_req_duration{expected_response:true}', 'http'],
    ]);
  });

  it('Locust failures become per-endpoint failure metrics', async () => {
    const stats = await fs.readFile(path.join(fixtures, 'bench-local/locust-1x_stats.csv'));
    const [failures] = await own('locust-failures-handmade_failures.csv');
    const run = await parseRunFiles([{ path: 'locust-1x_stats.csv', bytes: stats }, failures!], { now });
    const orders = run.operations.find((o) => o.name === '/api/orders')!;
    expect(orders.metrics).toEqual([
      { name: "failure: HTTPError('503 Server Error')", unit: 'count', value: 7, direction: 'lower' },
    ]);
  });
});

describe('Locust exceptions CSV', () => {
  it('adds exception counts to the Aggregated row', async () => {
    const stats = await fs.readFile(path.join(fixtures, 'bench-local/locust-1x_stats.csv'));
    const [exceptions] = await own('locust-exceptions-handmade_exceptions.csv');
    const run = await parseRunFiles([{ path: 'locust-1x_stats.csv', bytes: stats }, exceptions!], { now });
    expect(run.operations.find((o) => o.aggregate)!.metrics).toEqual([
      { name: "exception: KeyError: 'token'", unit: 'count', value: 3, direction: 'lower' },
    ]);
  });
});

describe('wrk units', () => {
  // Hand-made from wrk's README example, with CRLF line ends and a Non-2xx line added.
  it('reads us/ms, k suffixes, GB/MB sizes and Non-2xx responses', async () => {
    const run = await parseRunFiles(await own('wrk-us-units-non2xx-crlf.txt'), { now });
    const op = run.operations[0]!;
    expect(op.latency).toEqual({ mean: 0.63591, stddev: 0.89, max: 12.92, p50: 0.25, p75: 0.491, p90: 0.7, p99: 5.8 });
    expect(op).toMatchObject({
      name: 'http://127.0.0.1:8080/index.html',
      count: 22464657,
      errors: 1200,
      throughput: 748868.53,
    });
    expect(op.metrics).toContainEqual({
      name: 'Req/Sec per thread (avg)',
      unit: 'rps',
      value: 56200,
      direction: 'higher',
      range: 8070,
    });
    expect(op.metrics).toContainEqual({
      name: 'bytes read',
      unit: 'bytes',
      value: 17.76 * 1024 ** 3,
      direction: 'higher',
    });
    expect(run.durationMs).toBe(30000);
  });
});
