import type { Run } from '../ingest/run-schema.ts';
import { targetApplies, type SloTarget } from './slo-targets.ts';
import { judgeTarget, type Verdict } from './verdict.ts';

export interface BreakingPoint {
  target: SloTarget;
  /** Verdict at each load of the series, lightest first. */
  verdicts: { label: string; load: number; verdict: Verdict }[];
  /** First load at which the target fails ("breaking point"); undefined when it never fails. */
  breaksAt?: { label: string; load: number };
  /** Heaviest load at which it still passed, below the breaking point. */
  holdsUpTo?: { label: string; load: number };
  /** Nothing in the series measures it. */
  measured: boolean;
}

export function loadLabel(run: Run): string {
  return run.labels.label ?? `${run.labels.loadMultiple}x`;
}

/** For each target that applies to the series' suite: the first load at which it breaks. */
export function breakingPoints(targets: readonly SloTarget[], series: readonly Run[]): BreakingPoint[] {
  const suite = series[0]?.suite;
  if (!suite) return [];
  return targets
    .filter((t) => targetApplies(t, suite))
    .map((target) => {
      const verdicts = series.map((run) => ({
        label: loadLabel(run),
        load: run.labels.loadMultiple ?? 1,
        verdict: judgeTarget(target, run),
      }));
      const firstFail = verdicts.findIndex((v) => v.verdict.verdict === 'fail');
      const passes = verdicts
        .slice(0, firstFail === -1 ? undefined : firstFail)
        .filter((v) => v.verdict.verdict === 'pass');
      const lastPass = passes.at(-1);
      const fail = firstFail === -1 ? undefined : verdicts[firstFail];
      return {
        target,
        verdicts,
        measured: verdicts.some((v) => v.verdict.verdict !== 'not measured'),
        breaksAt: fail ? { label: fail.label, load: fail.load } : undefined,
        holdsUpTo: lastPass ? { label: lastPass.label, load: lastPass.load } : undefined,
      };
    });
}

/** One sentence per target for the scale page and the CLI summary. */
export function describeBreakingPoint(bp: BreakingPoint): string {
  if (!bp.measured) return 'not measured by this series';
  if (!bp.breaksAt) return `holds at every load up to ${bp.verdicts.at(-1)?.label}`;
  if (!bp.holdsUpTo) return `already fails at ${bp.breaksAt.label}`;
  return `breaks at ${bp.breaksAt.label} (holds at ${bp.holdsUpTo.label})`;
}
