import { describe, expect, it } from 'vitest';
import type { Machine, Run } from '../ingest/run-schema.ts';
import { describeRule, detectorFor, detectRegressions, fingerprintOf, gates, windowOf } from './detect.ts';
import { parseSloTargets, type SloConfig } from './slo-targets.ts';
import { parseStoredRun, serializeRun } from './store.ts';
import { makeRun, op } from './test-runs.ts';

const machine: Machine = { cpu: 'AMD EPYC', cores: 2, os: 'linux 6.1.0', arch: 'x64' };
const base: SloConfig['regression'] = {
  threshold: 0.1,
  metrics: { errorRate: { threshold: 0.5, minDelta: 0.001 } },
  detector: {},
  suites: {},
};

/** One hyperfine-like run: mean time and user time, `i` minutes into the series. */
function cmd(i: number, mean: number, extra: Partial<Run> = {}): Run {
  return makeRun({
    suite: 's',
    id: `s-${String(i).padStart(3, '0')}`,
    startedAt: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(),
    tool: { name: 'hyperfine' },
    format: 'hyperfine',
    machine,
    operations: [
      op('build', {
        kind: 'command',
        latency: { mean },
        metrics: [{ name: 'user time', unit: 'ms', value: mean / 2, direction: 'lower' }],
      }),
    ],
    ...extra,
  });
}

/** Noisy but unchanged: 100 ms ± a few %. */
const noise = [100, 103, 98, 101, 97, 104, 99, 102, 100, 96, 103, 101];
const history = noise.map((v, i) => cmd(i, v));

describe('detectRegressions (mad)', () => {
  it('flags a 30 % slower run and explains it: value, window median, band, score', () => {
    const d = detectRegressions(cmd(20, 130), history, base);
    expect(d.rule).toBe('mad');
    expect(d.window).toHaveLength(12);
    const [f] = d.regressions;
    expect(f).toMatchObject({ metric: 'mean', current: 130, baseline: 100.5, n: 12, regression: true });
    expect(f!.band!.high).toBeLessThan(130);
    expect(f!.band!.low).toBeLessThan(100.5);
    expect(f!.score).toBeGreaterThan(5);
  });

  it('does not flag values inside the noise band, nor improvements', () => {
    expect(detectRegressions(cmd(20, 104), history, base).regressions).toEqual([]);
    expect(detectRegressions(cmd(20, 60), history, base).regressions).toEqual([]);
  });

  it('a flagged spike followed by a normal run leaves the baseline where it was', () => {
    const spike = cmd(20, 160);
    expect(detectRegressions(spike, history, base).regressions).toHaveLength(1);
    const after = detectRegressions(cmd(21, 101), [...history, spike], base);
    expect(after.regressions).toEqual([]);
    const before = detectRegressions(cmd(21, 101), history, base).findings[0]!;
    // The median moved by at most one rank of the noise, not towards 160.
    expect(Math.abs(after.findings[0]!.baseline - before.baseline)).toBeLessThanOrEqual(1);
    // And a second real slowdown right after is still caught against the same baseline.
    expect(detectRegressions(cmd(22, 130), [...history, spike, cmd(21, 101)], base).regressions).toHaveLength(1);
  });

  it('gates primary metrics only by default: user/system time never fires', () => {
    const slowCpu = cmd(20, 100);
    slowCpu.operations[0]!.metrics![0]!.value = 500;
    expect(detectRegressions(slowCpu, history, base).regressions).toEqual([]);
    const cfg = { ...base, detector: { metrics: ['metric:user time'] } };
    expect(detectRegressions(slowCpu, history, cfg).regressions.map((f) => f.metric)).toEqual(['metric:user time']);
    expect(gates('metric:user time', 'ms', 'primary')).toBe(false);
    expect(gates('metric:LCP', 'ms', 'primary')).toBe(true);
    expect(gates('metric:errors', 'count', 'primary')).toBe(false);
    expect(gates('p50', 'ms', ['median'])).toBe(true);
  });

  it('compares only with runs of the same machine and tool (old runs without a fingerprint still count)', () => {
    const other: Machine = { ...machine, cpu: 'Intel Xeon' };
    const mixed = [...history.map((r) => ({ ...r, machine: other })), cmd(30, 100, { id: 's-030' })];
    expect(windowOf(cmd(40, 100), mixed, 15).map((r) => r.id)).toEqual(['s-030']);
    const old = history.map(({ machine: _m, ...r }) => r as Run);
    expect(windowOf(cmd(40, 100), old, 15)).toHaveLength(12);
    expect(fingerprintOf(cmd(1, 1))).not.toBe(fingerprintOf(cmd(1, 1, { tool: { name: 'hyperfine', version: '2' } })));
    // A kernel update does not reset the history.
    expect(fingerprintOf(cmd(1, 1))).toBe(fingerprintOf(cmd(1, 1, { machine: { ...machine, os: 'linux 6.2.0' } })));
  });

  it('warms up while the window is shorter than minRuns: shown against what there is, never gating', () => {
    const d = detectRegressions(cmd(5, 150), history.slice(0, 2), base);
    expect(d).toMatchObject({ rule: 'mad', warmingUp: true, regressions: [] });
    expect(d.findings[0]).toMatchObject({ metric: 'mean', current: 150, baseline: 101.5, n: 2, worse: true });
    expect(describeRule(d)).toMatch(/warming up: 2 earlier comparable runs of the 5 needed/);
    expect(describeRule(detectRegressions(cmd(5, 150), [], base))).toMatch(/first run/);
  });

  it('judges timings on a log scale: a 3× busy-minute spike in a noisy window is noise, +40 % in a quiet one is not', () => {
    const noisy = [100, 180, 90, 250, 120, 95, 300, 110, 140, 85].map((v, i) => cmd(i, v));
    expect(detectRegressions(cmd(20, 330), noisy, base).regressions).toEqual([]);
    expect(detectRegressions(cmd(20, 140), history, base).regressions).toHaveLength(1);
  });

  it('scales window times to the machine speed measured at ingest (a busy machine is not a slow program)', () => {
    const cal = (score: number) => ({ calibration: { workload: 'w', score } });
    const calibrated = noise.map((v, i) => cmd(i, v, cal(100)));
    const speed = { ...base, detector: { normalize: 'speed' as const } };
    // Machine twice as busy (half the score), run twice as long: the same program.
    const busy = cmd(20, 200, cal(50));
    expect(detectRegressions(busy, calibrated, speed).regressions).toEqual([]);
    expect(detectRegressions(busy, calibrated, base).regressions).toHaveLength(1); // default: normalize none
    // Same busy machine and 30 % slower: flagged, baseline stated at this run's speed.
    const slow = detectRegressions(cmd(20, 260, cal(50)), calibrated, speed);
    expect(slow.normalized).toBe(true);
    expect(slow.regressions[0]).toMatchObject({ baseline: 201 });
  });

  it('keeps the old rule by name; suites choose their own rule', () => {
    const cfg = { ...base, suites: { 'legacy-*': { rule: 'previous' as const, window: 5 } } };
    expect(detectorFor('legacy-api', cfg)).toMatchObject({ rule: 'previous', window: 5, z: 5 });
    expect(detectorFor('api', cfg).rule).toBe('mad');
    // The previous rule compares every metric, user time included, with the last run only.
    const d = detectRegressions(cmd(20, 112), history, { ...base, detector: { rule: 'previous' } });
    expect(d.window.map((r) => r.id)).toEqual(['s-011']);
    expect(d.regressions.map((f) => f.metric).sort()).toEqual(['mean', 'metric:user time']);
  });
});

describe('detector settings in slo-targets.yaml', () => {
  const yaml = (detector: string) =>
    `version: 1\nregression:\n  threshold: 0.1\n  detector: ${detector}\ntargets: []\n`;

  it('validates rule, window and metrics with a field and a fix', () => {
    expect(parseSloTargets(yaml('{ rule: mad, window: 20, z: 4, metrics: [p99, median] }')).errors).toEqual([]);
    const [bad] = parseSloTargets(yaml('{ rule: ttest }')).errors;
    expect(bad).toMatchObject({ field: 'regression.detector.rule', hint: 'use one of mad, previous' });
    const [win] = parseSloTargets(yaml('{ window: 1 }')).errors;
    expect(win!.field).toBe('regression.detector.window');
    const [met] = parseSloTargets(yaml('{ metrics: [nope] }')).errors;
    expect(met!.hint).toMatch(/^use primary, all, or a list/);
  });
});

describe('run schema', () => {
  it('stored runs without a machine or calibration still load; new ones round-trip', () => {
    const { machine: _m, ...old } = cmd(1, 100);
    expect(parseStoredRun(JSON.stringify(old), 'benchmarks/x.json').machine).toBeUndefined();
    const fresh = cmd(1, 100, { calibration: { workload: 'w', score: 12.5 } });
    expect(parseStoredRun(serializeRun(fresh), 'benchmarks/x.json')).toMatchObject({
      machine,
      calibration: { score: 12.5 },
    });
  });
});
