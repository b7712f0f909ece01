import { describe, expect, it } from 'vitest';
import type { Machine, Run } from '../ingest/run-schema.ts';
import {
  type Detection,
  describeRule,
  detectorFor,
  detectRegressions,
  fingerprintOf,
  gates,
  storedDetection,
  windowOf,
} from './detect.ts';
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

/**
 * One run judged on its own (confirm 1, gating from 5 runs, no calibration guard): the band and score
 * arithmetic. The defaults (confirm 2, 10 runs) are exercised below and by bench/regression/replay.test.ts.
 */
const single: SloConfig['regression'] = { ...base, detector: { confirm: 1, minRuns: 5, busy: 0 } };

/** Noisy but unchanged: 100 ms ± a few %. */
const noise = [100, 103, 98, 101, 97, 104, 99, 102, 100, 96, 103, 101];
const history = noise.map((v, i) => cmd(i, v));

describe('detectRegressions (mad)', () => {
  it('flags a 30 % slower run and explains it: value, window median, band, score', () => {
    const d = detectRegressions(cmd(20, 130), history, single);
    expect(d.rule).toBe('mad');
    expect(d.window).toHaveLength(12);
    const [f] = d.regressions;
    expect(f).toMatchObject({ metric: 'mean', current: 130, baseline: 100.5, n: 12, regression: true });
    expect(f!.band!.high).toBeLessThan(130);
    expect(f!.band!.low).toBeLessThan(100.5);
    expect(f!.score).toBeGreaterThan(5);
  });

  it('does not flag values inside the noise band, nor improvements', () => {
    expect(detectRegressions(cmd(20, 104), history, single).regressions).toEqual([]);
    expect(detectRegressions(cmd(20, 60), history, single).regressions).toEqual([]);
  });

  it('a flagged spike followed by a normal run leaves the baseline where it was', () => {
    const spike = cmd(20, 160);
    expect(detectRegressions(spike, history, single).regressions).toHaveLength(1);
    const after = detectRegressions(cmd(21, 101), [...history, spike], single);
    expect(after.regressions).toEqual([]);
    const before = detectRegressions(cmd(21, 101), history, single).findings[0]!;
    // The median moved by at most one rank of the noise, not towards 160.
    expect(Math.abs(after.findings[0]!.baseline - before.baseline)).toBeLessThanOrEqual(1);
    // And a second real slowdown right after is still caught against the same baseline.
    expect(detectRegressions(cmd(22, 130), [...history, spike, cmd(21, 101)], single).regressions).toHaveLength(1);
  });

  it('gates primary metrics only by default: user/system time never fires', () => {
    const slowCpu = cmd(20, 100);
    slowCpu.operations[0]!.metrics![0]!.value = 500;
    expect(detectRegressions(slowCpu, history, single).regressions).toEqual([]);
    const cfg = { ...single, detector: { ...single.detector, metrics: ['metric:user time'] } };
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
    const d = detectRegressions(cmd(5, 150), history.slice(0, 2), single);
    expect(d).toMatchObject({ rule: 'mad', warmingUp: true, regressions: [] });
    expect(d.findings[0]).toMatchObject({ metric: 'mean', current: 150, baseline: 101.5, n: 2, worse: true });
    expect(describeRule(d)).toMatch(/warming up: 2 earlier comparable runs of the 5 needed/);
    expect(describeRule(detectRegressions(cmd(5, 150), [], single))).toMatch(/first run/);
  });

  it('judges timings on a log scale: a 3× busy-minute spike in a noisy window is noise, +40 % in a quiet one is not', () => {
    const noisy = [100, 180, 90, 250, 120, 95, 300, 110, 140, 85].map((v, i) => cmd(i, v));
    expect(detectRegressions(cmd(20, 330), noisy, single).regressions).toEqual([]);
    expect(detectRegressions(cmd(20, 140), history, single).regressions).toHaveLength(1);
  });

  it('scales window times to the machine speed measured at ingest (a busy machine is not a slow program)', () => {
    const cal = (score: number) => ({ calibration: { workload: 'w', score } });
    const calibrated = noise.map((v, i) => cmd(i, v, cal(100)));
    const speed = { ...single, detector: { ...single.detector, normalize: 'speed' as const } };
    // Machine twice as busy (half the score), run twice as long: the same program.
    const busy = cmd(20, 200, cal(50));
    expect(detectRegressions(busy, calibrated, speed).regressions).toEqual([]);
    expect(detectRegressions(busy, calibrated, single).regressions).toHaveLength(1); // default: normalize none
    // Same busy machine and 30 % slower: flagged, baseline stated at this run's speed.
    const slow = detectRegressions(cmd(20, 260, cal(50)), calibrated, speed);
    expect(slow.normalized).toBe(true);
    expect(slow.regressions[0]).toMatchObject({ baseline: 201 });
  });

  it('keeps the old rule by name; suites choose their own rule', () => {
    const cfg = { ...single, suites: { 'legacy-*': { rule: 'previous' as const, window: 5 } } };
    expect(detectorFor('legacy-api', cfg)).toMatchObject({ rule: 'previous', window: 5, z: 3.5 });
    expect(detectorFor('api', cfg).rule).toBe('mad');
    // The previous rule compares every metric, user time included, with the last run only.
    const d = detectRegressions(cmd(20, 112), history, {
      ...single,
      detector: { ...single.detector, rule: 'previous' },
    });
    expect(d.window.map((r) => r.id)).toEqual(['s-011']);
    expect(d.regressions.map((f) => f.metric).sort()).toEqual(['mean', 'metric:user time']);
  });
});

/** Judges each run against the ones before it and stores the decision with it, as `kb ingest` does. */
function ingestAll(series: readonly Run[], config: SloConfig['regression'], stored: Run[] = []): Detection[] {
  return series.map((r) => {
    const d = detectRegressions(r, stored, config);
    stored.push({ ...r, detection: storedDetection(d) });
    return d;
  });
}
const flagsOf = (ds: readonly Detection[]) => ds.map((d) => d.regressions.length > 0);
const confirm = (n: number): SloConfig['regression'] => ({ ...base, detector: { confirm: n } });

describe('detectRegressions: sustained slowdowns, busy minutes, accepting a new level', () => {
  const slow = Array.from({ length: 8 }, (_, i) => cmd(20 + i, 130 + (i % 3)));

  it('a sustained slowdown stays flagged: flagged runs never join the window, so it never becomes the baseline', () => {
    const stored = [...history];
    const ds = ingestAll(slow, confirm(1), stored);
    expect(flagsOf(ds)).toEqual(Array(8).fill(true));
    expect(ds.at(-1)!.findings[0]!.baseline).toBe(100.5);
    expect(ds.at(-1)!.skipped).toBe(7);
    expect(describeRule(ds.at(-1)!)).toMatch(/7 flagged or busy runs left out of the window/);
    // Before this rule, the window took the slow runs in and the alarm stopped after a few runs.
    expect(stored.at(-1)!.detection).toMatchObject({
      flagged: true,
      outside: [{ operation: 'build', metric: 'mean' }],
    });
  });

  it('confirm 2: the first slow run is outside the band but waits for the next, which confirms it', () => {
    const ds = ingestAll(slow, confirm(2), [...history]);
    expect(flagsOf(ds)).toEqual([false, ...Array(7).fill(true)]);
    expect(ds[0]!.findings[0]).toMatchObject({ outside: true, streak: 1, regression: false });
    expect(ds[1]!.findings[0]).toMatchObject({ outside: true, streak: 2, regression: true });
    expect(describeRule(ds[1]!)).toMatch(/flagged when 2 consecutive runs are outside the band/);
  });

  it('confirm 2: one run in a busy minute never gates, and the next normal run clears it', () => {
    const ds = ingestAll([cmd(20, 190), cmd(21, 101), cmd(22, 99)], confirm(2), [...history]);
    expect(flagsOf(ds)).toEqual([false, false, false]);
    expect(ds[0]!.findings[0]).toMatchObject({ outside: true, regression: false });
    expect(ds[1]!.findings[0]).toMatchObject({ outside: false, streak: 0 });
  });

  it('--baseline accepts a new level: that run does not gate, and the window restarts at it', () => {
    const stored = [...history];
    ingestAll(slow.slice(0, 3), confirm(1), stored);
    const accepted = cmd(30, 131, { labels: { baseline: true } });
    const [d] = ingestAll([accepted], confirm(1), stored);
    expect(d).toMatchObject({ accepted: true, regressions: [] });
    expect(describeRule(d!)).toMatch(/accepted as the new level/);
    const after = ingestAll(
      [130, 132, 129, 131, 130, 133].map((v, i) => cmd(31 + i, v)),
      confirm(1),
      stored,
    );
    expect(flagsOf(after)).toEqual(Array(6).fill(false));
    expect(after.at(-1)!.window.map((r) => r.id)[0]).toBe(accepted.id);
  });
});

describe('detectRegressions: repeated measurements and busy machines', () => {
  const timed = (i: number, min: number, median: number, extra: Partial<Run> = {}) =>
    cmd(i, median, {
      operations: [op('build', { kind: 'command', latency: { min, mean: median, median } })],
      ...extra,
    });
  const quiet = noise.map((v, i) => timed(i, 95 + (i % 3) * 0.5, v));

  it('judges the fastest repetition of a repeated command: a slower program moves its minimum, noise does not', () => {
    // Median within its (noisy) band, minimum 20 % up: the program itself got slower.
    const d = detectRegressions(timed(20, 114, 104), quiet, single);
    expect(d.regressions.map((f) => f.metric)).toEqual(['min']);
    // A load tool's operations have no such statistic to judge.
    expect(
      detectRegressions(
        timed(20, 114, 104, { operations: [op('GET /', { kind: 'http', latency: { min: 114, mean: 104 } })] }),
        quiet,
        single,
      ).findings.map((f) => f.metric),
    ).not.toContain('min');
  });

  it('a run measured on a busy machine (calibration well below the window) is shown, not judged, and left out of later windows', () => {
    const cal = (score: number) => ({ calibration: { workload: 'w', score } });
    const stored = noise.map((v, i) => cmd(i, v, cal(100)));
    const cfg = { ...base, detector: { minRuns: 5 } };
    const [busy, next] = ingestAll([cmd(20, 200, cal(40)), cmd(21, 101, cal(98))], cfg, stored);
    expect(busy).toMatchObject({ busy: { score: 40, usual: 100 }, regressions: [] });
    expect(busy!.findings[0]).toMatchObject({ worse: true, outside: false });
    expect(describeRule(busy!)).toMatch(/machine busy: its speed right after the run was 40 % of the window's usual/);
    expect(stored.at(-2)!.detection).toMatchObject({ busy: true, flagged: false });
    expect(next!.skipped).toBe(1);
    expect(next!.window.map((r) => r.id)).not.toContain('s-020');
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
