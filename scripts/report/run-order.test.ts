import { describe, expect, it } from 'vitest';
import { windowOf } from './detect.ts';
import { runContext } from './pages.ts';
import { baselineFor, previousComparable } from './series.ts';
import { earlierThan, sortRuns } from './store.ts';
import { makeRun, op } from './test-runs.ts';

describe('the one order of runs', () => {
  // Parallel CI jobs: several runs of one suite and label stored in the same second. Their ids differ by a
  // suffix, and one tool spells the second with milliseconds, another without.
  const second = '2026-11-26T04:00:00';
  const runs = [
    { id: 'api-20261126t040000-1x_b', at: `${second}Z` },
    { id: 'api-20261126t040000-1x-2', at: `${second}.000Z` },
    { id: 'api-20261126t040000-1x', at: `${second}Z` },
    { id: 'api-20261126t040000-1x_a', at: `${second}.000Z` },
    { id: 'api-20261126t040000-1x-10', at: `${second}Z` },
    { id: 'api-20261126t035959-1x', at: '2026-11-26T03:59:59Z' },
  ].map(({ id, at }) =>
    makeRun({
      suite: 'api',
      id,
      startedAt: at,
      labels: { label: '1x' },
      operations: [op('GET /', { aggregate: true, latency: { p95: 10 } })],
    }),
  );
  // The same runs, each accepted with --baseline.
  const baselines = runs.map((r) => ({ ...r, labels: { ...r.labels, baseline: true } }));
  const ordered = sortRuns(runs).map((r) => r.id);

  it('sorts by instant, not by how the time is spelled, then by id in code units', () => {
    expect(ordered).toEqual([
      'api-20261126t035959-1x',
      'api-20261126t040000-1x',
      'api-20261126t040000-1x-10',
      'api-20261126t040000-1x-2',
      'api-20261126t040000-1x_a',
      'api-20261126t040000-1x_b',
    ]);
    expect(sortRuns([...runs].reverse()).map((r) => r.id)).toEqual(ordered);
  });

  it('is the order of the previous run, the baseline, a page’s trend and the detector’s window', () => {
    for (const run of runs) {
      const at = ordered.indexOf(run.id);
      const before = ordered.slice(0, at);
      expect(
        runs
          .filter(earlierThan(run))
          .map((r) => r.id)
          .sort(),
      ).toEqual([...before].sort());
      expect(previousComparable(run, runs)?.id).toBe(before.at(-1));
      expect(baselineFor(run, baselines)?.id).toBe(before.at(-1));
      expect(runContext(run, runs).history.map((r) => r.id)).toEqual([...before, run.id]);
      expect(windowOf(run, runs, 10).map((r) => r.id)).toEqual(before);
    }
  });
});
