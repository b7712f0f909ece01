import type { Run } from '../ingest/run-schema.ts';
import { reportUrl, runReportSlug } from './paths.ts';
import { loadSloTargets, suiteMatches, type SloTarget } from './slo-targets.ts';
import { loadRuns, runDate, sortRuns } from './store.ts';
import { judgeTarget, type Verdict } from './verdict.ts';

/** The latest verdict of one target across every suite it judges. */
export interface ScorecardEntry extends Verdict {
  source?: string;
  suites: string[];
  /** Suite of the run that decided the verdict. */
  suite?: string;
  /** Date (YYYY-MM-DD) of that run. */
  date?: string;
  /** True when only example data (public fixtures) measures this target so far: the verdict is then "not measured". */
  example: boolean;
  /** Site URL of the report page that shows the deciding run. */
  report?: string;
}

/**
 * Picks the deciding run per target: the newest run that measures it, from
 * the first suite in the target's list that has one. Example runs never decide:
 * a target only they measure is "not measured (examples only …)".
 */
export function buildScorecard(targets: readonly SloTarget[], unsorted: readonly Run[]): ScorecardEntry[] {
  const runs = sortRuns(unsorted);
  return targets.map((target) => {
    // Suites in the order the target lists them (the first is the primary one);
    // within a suite the newest run first (`runs` is oldest first); real runs before examples.
    const bySuiteOrder = target.suites.flatMap((pattern) =>
      runs.filter((r) => suiteMatches(pattern, r.suite)).reverse(),
    );
    const unique = [...new Set(bySuiteOrder)];
    const real = unique.filter((r) => !r.labels.example);
    const examples = unique.filter((r) => r.labels.example);
    for (const run of real) {
      const verdict = judgeTarget(target, run);
      if (verdict.verdict !== 'not measured') {
        return {
          ...verdict,
          source: target.source,
          suites: target.suites,
          suite: run.suite,
          date: runDate(run),
          example: Boolean(run.labels.example),
          report: reportUrl(runReportSlug(run)),
        };
      }
    }
    // Example data (public fixtures) shows the format, never Sophia's performance: it never decides a target.
    const shown = examples.find((run) => judgeTarget(target, run).verdict !== 'not measured');
    if (shown) {
      return {
        ...judgeTarget(target, undefined),
        note: `not measured (examples only: ${shown.suite} shows the format, not Sophia's figures)`,
        source: target.source,
        suites: target.suites,
        example: true,
      };
    }
    return { ...judgeTarget(target, undefined), source: target.source, suites: target.suites, example: false };
  });
}

/** Reads `slo-targets.yaml` and `benchmarks/` under `root` and returns the scorecard (used by `kb mcp` slo_status). */
export async function loadSloScorecard(root: string): Promise<ScorecardEntry[]> {
  const [{ config }, runs] = await Promise.all([loadSloTargets(root), loadRuns(root)]);
  return buildScorecard(config.targets, runs);
}
