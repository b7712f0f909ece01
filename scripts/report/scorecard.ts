import type { Run } from '../ingest/run-schema.ts';
import { reportUrl, runReportSlug } from './paths.ts';
import { loadSloTargets, targetApplies, type SloTarget } from './slo-targets.ts';
import { loadRuns, runDate } from './store.ts';
import { judgeTarget, type Verdict } from './verdict.ts';

/** The latest verdict of one target across every suite it judges. */
export interface ScorecardEntry extends Verdict {
  source?: string;
  suites: string[];
  /** Suite of the run that decided the verdict. */
  suite?: string;
  /** Date (YYYY-MM-DD) of that run. */
  date?: string;
  /** True when only example data (public fixtures) measures this target so far. */
  example: boolean;
  /** Site URL of the report page that shows the deciding run. */
  report?: string;
}

/**
 * Picks the deciding run per target: the latest run of a matching suite that
 * measures it, preferring real runs over example data.
 */
export function buildScorecard(targets: readonly SloTarget[], runs: readonly Run[]): ScorecardEntry[] {
  return targets.map((target) => {
    const candidates = runs.filter((r) => targetApplies(target, r.suite));
    // `runs` is oldest first: search newest first, real runs before examples.
    const real = candidates.filter((r) => !r.labels.example).reverse();
    const examples = candidates.filter((r) => r.labels.example).reverse();
    for (const run of [...real, ...examples]) {
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
    return { ...judgeTarget(target, undefined), source: target.source, suites: target.suites, example: false };
  });
}

/** Reads `slo-targets.yaml` and `benchmarks/` under `root` and returns the scorecard (used by `kb mcp` slo_status). */
export async function loadSloScorecard(root: string): Promise<ScorecardEntry[]> {
  const [{ config }, runs] = await Promise.all([loadSloTargets(root), loadRuns(root)]);
  return buildScorecard(config.targets, runs);
}
