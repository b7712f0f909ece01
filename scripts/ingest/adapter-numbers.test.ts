import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRuns } from './parse-run.ts';
import type { Operation } from './run-schema.ts';

// Each adapter against numbers read straight from its fixture, converted by
// hand in the test: independent of the goldens UPDATE_GOLDEN rewrites.

const fixtures = path.resolve(import.meta.dirname, '..', '..', 'fixtures');
const now = new Date('2026-01-01T00:00:00Z');

async function raw(file: string): Promise<Buffer> {
  return fs.readFile(path.join(fixtures, file));
}
async function json(file: string) {
  return JSON.parse((await raw(file)).toString('utf8'));
}
async function operations(file: string): Promise<Operation[]> {
  const runs = await parseRuns([{ path: file, bytes: await raw(file) }], { now, example: true });
  expect(runs).toHaveLength(1);
  return runs[0]!.operations;
}
const byName = (ops: Operation[], name: string) => {
  const op = ops.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name} in ${ops.map((o) => o.name).join(', ')}`);
  return op;
};
const metric = (op: Operation, name: string) => op.metrics?.find((m) => m.name === name);

describe('adapters read the numbers their fixtures hold', () => {
  it('hyperfine: seconds → ms, one operation per command, runs counted from times[]', async () => {
    const file = 'bench-public/hyperfine/bencher-sleep-two-commands.json';
    const { results } = await json(file);
    const ops = await operations(file);
    expect(ops.map((o) => o.name)).toEqual(results.map((r: { command: string }) => r.command));
    for (const r of results) {
      const op = byName(ops, r.command);
      expect(op.count).toBe(r.times.length);
      expect(op.latency?.mean).toBeCloseTo(r.mean * 1000, 9);
      expect(op.latency?.median).toBeCloseTo(r.median * 1000, 9);
      expect(op.latency?.min).toBeCloseTo(r.min * 1000, 9);
      expect(op.latency?.max).toBeCloseTo(r.max * 1000, 9);
      expect(op.latency?.stddev).toBeCloseTo(r.stddev * 1000, 9);
      expect(metric(op, 'user time')?.value).toBeCloseTo(r.user * 1000, 9);
    }
  });

  it('pytest-benchmark: seconds → ms, q3 → p75, rounds → count, ops → throughput', async () => {
    const file = 'bench-public/pytest-benchmark/gab-several-units.json';
    const { benchmarks } = await json(file);
    const ops = await operations(file);
    expect(ops).toHaveLength(benchmarks.length);
    for (const b of benchmarks) {
      const op = byName(ops, b.fullname);
      expect(op.count).toBe(b.stats.rounds);
      expect(op.throughput).toBeCloseTo(b.stats.ops, 6);
      expect(op.latency?.mean).toBeCloseTo(b.stats.mean * 1000, 12);
      expect(op.latency?.median).toBeCloseTo(b.stats.median * 1000, 12);
      expect(op.latency?.p75).toBeCloseTo(b.stats.q3 * 1000, 12);
      expect(op.latency?.max).toBeCloseTo(b.stats.max * 1000, 12);
    }
  });

  it('Lighthouse: category score × 100, audits’ numericValue in ms', async () => {
    const file = 'bench-public/lighthouse/population-diagram-lh13-desktop.json';
    const lhr = await json(file);
    const [op] = await operations(file);
    expect(op!.name).toBe(lhr.finalDisplayedUrl ?? lhr.finalUrl);
    expect(metric(op!, 'Performance score')?.value).toBe(Math.round(lhr.categories.performance.score * 100));
    expect(metric(op!, 'FCP')?.value).toBeCloseTo(lhr.audits['first-contentful-paint'].numericValue, 6);
    expect(metric(op!, 'LCP')?.value).toBeCloseTo(lhr.audits['largest-contentful-paint'].numericValue, 6);
    expect(metric(op!, 'TBT')?.value).toBeCloseTo(lhr.audits['total-blocking-time'].numericValue, 6);
    expect(metric(op!, 'CLS')?.value).toBeCloseTo(lhr.audits['cumulative-layout-shift'].numericValue, 6);
  });

  it('wrk: the text report’s figures, with their units converted', async () => {
    const file = 'bench-public/wrk/web-server-cpp-4t-100c-latency.txt';
    const text = (await raw(file)).toString('utf8');
    const [op] = await operations(file);
    const num = (re: RegExp) => Number(re.exec(text)![1]);
    expect(op!.name).toBe(/@ (\S+)/.exec(text)![1]);
    expect(op!.count).toBe(num(/(\d+) requests in/));
    expect(op!.throughput).toBe(num(/Requests\/sec:\s+([\d.]+)/));
    expect(op!.latency?.mean).toBe(num(/Latency\s+([\d.]+)ms/));
    expect(op!.latency?.max).toBe(num(/Latency\s+\S+\s+\S+\s+([\d.]+)ms/));
    expect(op!.latency?.p50).toBe(num(/50%\s+([\d.]+)ms/));
    expect(op!.latency?.p99).toBe(num(/99%\s+([\d.]+)ms/));
    // "12.22k" Req/Sec per thread and "170.17MB read" in plain units.
    expect(metric(op!, 'Req/Sec per thread (avg)')?.value).toBeCloseTo(12.22 * 1000, 6);
    expect(metric(op!, 'bytes read')?.value).toBeCloseTo(170.17 * 1024 * 1024, 0);
  });

  it('Google Benchmark: time_unit ns → ms, iterations → count', async () => {
    const file = 'bench-public/google-benchmark/gab-fib-darwin.json';
    const { benchmarks } = await json(file);
    const ops = await operations(file);
    const perUnit: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000 };
    for (const b of benchmarks) {
      const op = byName(ops, b.name);
      expect(op.count).toBe(b.iterations);
      expect(op.latency?.mean).toBeCloseTo(b.real_time * perUnit[b.time_unit]!, 12);
      expect(metric(op, 'cpu_time')?.value).toBeCloseTo(b.cpu_time * perUnit[b.time_unit]!, 12);
    }
  });
});
