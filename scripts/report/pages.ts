import type { Run } from '../ingest/run-schema.ts';
import { detectRegressions } from './detect.ts';
import { compareRuns } from './regression.ts';
import type { RunView } from './render-run.ts';
import { baselineFor, isComparable, previousComparable } from './series.ts';
import { targetApplies, type SloConfig } from './slo-targets.ts';
import { earlierThan, sortRuns } from './store.ts';
import { judgeRun } from './verdict.ts';

export interface PlannedPage {
  /** Relative to the project root. */
  path: string;
  content: string;
}

/** Comparable runs a run's own trend charts show: the latest ones up to and including it. */
export const RUN_TREND_WINDOW = 30;

/**
 * How far back a run looks: its page and its detector see the newest HISTORY_LOOKBACK comparable runs
 * (same suite and label) before it, as Conbench's z-score looks back over a bounded window. 100 runs hold
 * the detector's window of 15 with room for 85 flagged or busy runs left out of it. The previous run, the baseline
 * (a `--baseline` run further back is no longer compared with), the trend and the detector's window all
 * come from these. Bounded so that `kb ingest` reads a constant number of stored runs however long the
 * history grows (store.ts, loadRunTail), and gives the page `kb ingest --regenerate` would.
 */
export const HISTORY_LOOKBACK = 100;

/** The comparable runs before `run` that it looks back at (see HISTORY_LOOKBACK), oldest first. */
export function lookbackOf(run: Run, runs: readonly Run[]): Run[] {
  const before = earlierThan(run);
  return sortRuns(runs.filter((r) => isComparable(run, r) && before(r))).slice(-HISTORY_LOOKBACK);
}

/**
 * Verdicts, comparisons and history of one run among all runs. Pure. Only runs
 * before it count (previous, baseline, trend window), so a run's page says what
 * was known when it was stored and later runs never change it; and only the
 * newest HISTORY_LOOKBACK of those.
 */
export function buildRunView(run: Run, all: readonly Run[], config: SloConfig): RunView {
  const runs = lookbackOf(run, all);
  const { previous: prev, baseline: base, history } = runContext(run, runs);
  return {
    run,
    targets: config.targets.filter((t) => targetApplies(t, run.suite)),
    verdicts: judgeRun(config.targets, run),
    previous: prev ? { run: prev, changes: compareRuns(run, prev, config.regression) } : undefined,
    baseline: base ? { run: base, changes: compareRuns(run, base, config.regression) } : undefined,
    history,
    // The detector's window: earlier comparable runs only, so the page records what was known then.
    detection: detectRegressions(run, runs, config.regression),
  };
}

/**
 * The earlier runs a run's page uses: the previous comparable run, the baseline
 * and the trend window. Needs only ids, suites, labels and times of `runs`.
 */
export function runContext(run: Run, runs: readonly Run[]): { previous?: Run; baseline?: Run; history: Run[] } {
  return {
    previous: previousComparable(run, runs),
    baseline: baselineFor(run, runs),
    // Trends follow comparable runs only (same label): a 1x and a 100x run, or two different pages, are not one series.
    history: comparableUpTo(run, runs).slice(-RUN_TREND_WINDOW),
  };
}

/** The comparable runs up to and including `run` (same suite and label), oldest first. */
function comparableUpTo(run: Run, runs: readonly Run[]): Run[] {
  const before = earlierThan(run);
  return sortRuns([...runs.filter((r) => isComparable(run, r) && before(r)), run]);
}
