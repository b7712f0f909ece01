import { describe, expect, it } from 'vitest';
import { parseSloTargets, type SloTarget } from './slo-targets.ts';
import { judgeTarget } from './verdict.ts';
import { makeRun, op } from './test-runs.ts';
import { buildScorecard } from './scorecard.ts';

const target = (t: Partial<SloTarget>): SloTarget => ({
  id: 't',
  title: 'T',
  suites: ['api'],
  operation: 'aggregate',
  metric: 'p99',
  comparison: '<',
  value: 100,
  unit: 'ms',
  ...t,
});
const run = makeRun({
  suite: 'api',
  operations: [
    op('GET /a', { latency: { p99: 80 } }),
    op('Aggregated', { aggregate: true, latency: { p99: 120, p50: 10 }, errorRate: 0.0005, throughput: 300 }),
  ],
});

describe('judgeTarget', () => {
  it('fails with a negative margin when the aggregate misses the target', () => {
    expect(judgeTarget(target({}), run)).toMatchObject({ verdict: 'fail', value: 120, margin: -20, unit: 'ms' });
  });
  it('passes on a named operation', () => {
    expect(judgeTarget(target({ operation: 'GET /a' }), run)).toMatchObject({ verdict: 'pass', value: 80, margin: 20 });
  });
  it('converts target units: 0.1 % error rate, 10K rps', () => {
    expect(judgeTarget(target({ metric: 'errorRate', value: 0.1, unit: '%' }), run)).toMatchObject({
      verdict: 'pass',
      value: 0.05,
      margin: 0.05,
    });
    expect(
      judgeTarget(target({ metric: 'throughput', comparison: '>=', value: 10000, unit: 'rps' }), run),
    ).toMatchObject({ verdict: 'fail', margin: -9700 });
  });
  it('is not measured when the statistic is absent (never read as 0)', () => {
    expect(judgeTarget(target({ metric: 'p95' }), run).verdict).toBe('not measured');
    expect(judgeTarget(target({ suites: ['other'] }), run).verdict).toBe('not measured');
    expect(judgeTarget(target({}), undefined).verdict).toBe('not measured');
  });
});

describe('parseSloTargets', () => {
  it('collects errors naming the field and a fix', () => {
    const r = parseSloTargets(
      'version: 1\ntargets:\n  - {id: a, title: A, metric: p99, comparison: "<", value: 1, unit: parsecs}\n',
    );
    expect(r.value).toBeUndefined();
    expect(r.errors[0]).toMatchObject({ field: 'targets.0.unit' });
    expect(r.errors[0]!.hint).toMatch(/ms/);
  });
  it('rejects a unit that cannot measure the metric', () => {
    const r = parseSloTargets(
      'version: 1\ntargets:\n  - {id: a, title: A, suites: [x], metric: p99, comparison: "<", value: 1, unit: "%"}\n',
    );
    expect(r.errors[0]).toMatchObject({ field: 'targets.0.unit' });
  });
  it('reports YAML syntax errors with a line', () => {
    expect(parseSloTargets('version: [1\n').errors[0]!.field).toMatch(/^line /);
  });
  it('accepts the seeded project file', async () => {
    const { readFile } = await import('node:fs/promises');
    const r = parseSloTargets(await readFile(new URL('../../slo-targets.yaml', import.meta.url), 'utf8'));
    expect(r.errors).toEqual([]);
    expect(r.value!.targets.length).toBeGreaterThanOrEqual(14);
  });
});

describe('buildScorecard', () => {
  it('prefers real runs over example runs and keeps unmeasured targets', () => {
    const example = makeRun({
      suite: 'api',
      id: 'ex',
      startedAt: '2026-11-27T00:00:00Z',
      labels: { example: true },
      operations: [op('x', { latency: { p99: 500 } })],
    });
    const card = buildScorecard([target({}), target({ id: 'u', suites: [] })], [run, example]);
    expect(card[0]).toMatchObject({
      verdict: 'fail',
      runId: run.id,
      example: false,
      report: `/reports/runs/${run.id}`,
    });
    expect(card[1]!.verdict).toBe('not measured');
  });
  it('never lets example runs decide a target: only examples measure it → not measured (examples only)', () => {
    const example = makeRun({
      suite: 'api',
      id: 'ex',
      startedAt: '2026-11-27T00:00:00Z',
      labels: { example: true },
      operations: [op('x', { latency: { p99: 50 } })],
    });
    const [entry] = buildScorecard([target({})], [example]);
    expect(entry).toMatchObject({ verdict: 'not measured', example: true });
    expect(entry!.value).toBeUndefined();
    expect(entry!.report).toBeUndefined();
    expect(entry!.note).toMatch(/^not measured \(examples only/);
  });
});
