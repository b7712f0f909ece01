import type { Run } from '../ingest/run-schema.ts';
import { earlierThan, sortRuns } from './store.ts';

/** Runs are comparable when they ran the same suite under the same label (load). */
export function isComparable(a: Run, b: Run): boolean {
  return a.suite === b.suite && (a.labels.label ?? '') === (b.labels.label ?? '') && a.id !== b.id;
}

/** The latest comparable run that happened before `run`. */
export function previousComparable(run: Run, runs: readonly Run[]): Run | undefined {
  return sortRuns(runs.filter((r) => isComparable(run, r)).filter(earlierThan(run))).at(-1);
}

/** The latest comparable run marked `--baseline` before `run` (a baseline is not compared with itself). */
export function baselineFor(run: Run, runs: readonly Run[]): Run | undefined {
  return sortRuns(runs.filter((r) => r.labels.baseline && isComparable(run, r)).filter(earlierThan(run))).at(-1);
}

/** Every run of a suite, oldest first. */
export function suiteRuns(suite: string, runs: readonly Run[]): Run[] {
  return sortRuns(runs.filter((r) => r.suite === suite));
}

/** One run per load multiple (the latest at that load), lightest first; empty unless there are two loads or more. */
export function scaleSeries(suite: string, runs: readonly Run[]): Run[] {
  const byLoad = new Map<number, Run>();
  for (const r of suiteRuns(suite, runs)) if (r.labels.loadMultiple !== undefined) byLoad.set(r.labels.loadMultiple, r);
  const series = [...byLoad.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
  return series.length >= 2 ? series : [];
}

/** Real (non-example) runs marked as baseline for a plan week: the week's performance baseline report. */
export function baselineRunsByWeek(runs: readonly Run[]): Map<number, Run[]> {
  const weeks = new Map<number, Run[]>();
  for (const r of sortRuns(runs)) {
    if (!r.labels.baseline || r.labels.example || r.labels.week === undefined) continue;
    weeks.set(r.labels.week, [...(weeks.get(r.labels.week) ?? []), r]);
  }
  return weeks;
}

/** `10x` → 10; labels that are not load multiples → undefined. */
export function parseLoadMultiple(label: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)x$/i.exec(label ?? '');
  return m ? Number(m[1]) : undefined;
}
