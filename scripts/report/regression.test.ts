import { describe, expect, it } from 'vitest';
import { compareRuns } from './regression.ts';
import { makeRun, op } from './test-runs.ts';

const config = { threshold: 0.1, metrics: { errorRate: { threshold: 0.5, minDelta: 0.001 } } };

describe('compareRuns', () => {
  const before = makeRun({
    suite: 'api',
    id: 'a',
    startedAt: '2026-01-01T00:00:00Z',
    operations: [op('Aggregated', { aggregate: true, latency: { p99: 100, p50: 10 }, throughput: 1000, errorRate: 0 })],
  });

  it('flags a p99 more than 10 % worse, and a throughput drop (direction respected)', () => {
    const after = makeRun({
      suite: 'api',
      id: 'b',
      operations: [
        op('Aggregated', { aggregate: true, latency: { p99: 120, p50: 10.5 }, throughput: 850, errorRate: 0 }),
      ],
    });
    const changes = compareRuns(after, before, config);
    const byMetric = Object.fromEntries(changes.map((c) => [c.metric, c]));
    expect(byMetric.p99).toMatchObject({ regression: true, worse: true, relative: 0.2 });
    expect(byMetric.p50).toMatchObject({ regression: false, worse: true });
    expect(byMetric.throughput).toMatchObject({ regression: true, worse: true });
  });

  it('never flags an improvement', () => {
    const after = makeRun({
      suite: 'api',
      id: 'b',
      operations: [op('Aggregated', { aggregate: true, latency: { p99: 50 }, throughput: 2000 })],
    });
    expect(compareRuns(after, before, config).some((c) => c.regression)).toBe(false);
  });

  it('does not alarm within the spread a benchmark tool reports (stddev, min–max)', () => {
    const cmd = (mean: number, stddev: number) => ({
      ...makeRun({
        suite: 'cli',
        id: `c${mean}`,
        operations: [op('kb --help', { latency: { mean, stddev, min: mean - 2 * stddev, max: mean + 2 * stddev } })],
      }),
      tool: { name: 'hyperfine' as const },
    });
    const noisy = compareRuns(cmd(130, 20), cmd(100, 25), config)[0]!;
    expect(noisy).toMatchObject({ worse: true, withinNoise: true, regression: false });
    const real = compareRuns(cmd(200, 5), cmd(100, 5), config)[0]!;
    expect(real).toMatchObject({ withinNoise: false, regression: true });
  });

  it('ignores request-latency stddev of load generators (not run-to-run noise)', () => {
    const load = (mean: number) =>
      makeRun({
        suite: 'api',
        id: `l${mean}`,
        operations: [op('Aggregated', { aggregate: true, latency: { mean, stddev: 500 } })],
      });
    expect(compareRuns(load(200), load(100), config)[0]).toMatchObject({ regression: true });
  });

  it('needs an absolute step for error rates starting at 0', () => {
    const err = (errorRate: number) =>
      makeRun({ suite: 'api', id: `e${errorRate}`, operations: [op('Aggregated', { aggregate: true, errorRate })] });
    expect(compareRuns(err(0.0005), err(0), config)[0]!.regression).toBe(false);
    expect(compareRuns(err(0.02), err(0), config)[0]!.regression).toBe(true);
  });

  it('honours a metric range from a generic benchmark', () => {
    const gen = (value: number) => ({
      ...makeRun({
        suite: 'g',
        id: `g${value}`,
        operations: [
          op('x', { metrics: [{ name: 'time', unit: 'ms', value, direction: 'lower' as const, range: 30 }] }),
        ],
      }),
      tool: { name: 'generic' as const },
    });
    expect(compareRuns(gen(125), gen(100), config)[0]).toMatchObject({ withinNoise: true, regression: false });
    expect(compareRuns(gen(140), gen(100), config)[0]).toMatchObject({ regression: true });
  });
});
