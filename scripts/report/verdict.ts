import type { Run } from '../ingest/run-schema.ts';
import { measure } from './metrics.ts';
import { targetApplies, type SloTarget } from './slo-targets.ts';
import { fromCanonical, roundValue, targetUnits, toCanonical } from './units.ts';

export type VerdictKind = 'pass' | 'fail' | 'not measured';

/** The judgement of one target on one run; value and margin in the target's unit. */
export interface Verdict {
  target: string;
  title: string;
  verdict: VerdictKind;
  /** Measured value in the target's unit. */
  value?: number;
  unit: string;
  /** The target value in its unit, with the comparison (`< 100`). */
  comparison: string;
  threshold: number;
  /** Headroom in the target's unit: positive = inside the target, negative = how far it misses. */
  margin?: number;
  /** Headroom as a fraction of the target value. */
  marginRatio?: number;
  operation?: string;
  runId?: string;
  note?: string;
}

function compare(value: number, comparison: SloTarget['comparison'], limit: number): boolean {
  switch (comparison) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
  }
}

/** Judges one target on one run (or on nothing: not measured). Pure. */
export function judgeTarget(target: SloTarget, run: Run | undefined): Verdict {
  const base: Verdict = {
    target: target.id,
    title: target.title,
    verdict: 'not measured',
    unit: target.unit,
    comparison: target.comparison,
    threshold: target.value,
    runId: run?.id,
  };
  if (!run || !targetApplies(target, run.suite))
    return {
      ...base,
      runId: undefined,
      note: target.note ?? (target.suites.length ? 'no run of its suites yet' : 'nothing measures it yet'),
    };
  const m = measure(run, target.operation, target.metric);
  if (!m) return { ...base, note: `the run does not report ${target.metric} for ${target.operation}` };
  if (m.unit !== targetUnits[target.unit].canonical) {
    return { ...base, note: `measured in ${m.unit}, target in ${target.unit}` };
  }
  const limit = toCanonical(target.value, target.unit);
  const ok = compare(m.value, target.comparison, limit);
  const lowerIsBetter = target.comparison.startsWith('<');
  const headroom = lowerIsBetter ? limit - m.value : m.value - limit;
  return {
    ...base,
    verdict: ok ? 'pass' : 'fail',
    value: roundValue(fromCanonical(m.value, target.unit)),
    margin: roundValue(fromCanonical(headroom, target.unit)),
    marginRatio: limit === 0 ? undefined : roundValue(headroom / Math.abs(limit)),
    operation: m.operation,
  };
}

/** Every target that applies to the run's suite, judged on it. */
export function judgeRun(targets: readonly SloTarget[], run: Run): Verdict[] {
  return targets.filter((t) => targetApplies(t, run.suite)).map((t) => judgeTarget(t, run));
}

/** The `slo-verdicts` front matter entries the AI manifest reads. */
export function verdictFrontMatter(
  verdicts: readonly Verdict[],
): { target: string; verdict: VerdictKind; value: number | null; unit: string; margin: number | null }[] {
  return verdicts.map((v) => ({
    target: v.target,
    verdict: v.verdict,
    value: v.value ?? null,
    unit: v.unit,
    margin: v.margin ?? null,
  }));
}
