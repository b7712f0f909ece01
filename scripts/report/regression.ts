import type { Direction, Run } from '../ingest/run-schema.ts';
import { measure, metricKeysOf, type Measurement } from './metrics.ts';
import type { SloConfig } from './slo-targets.ts';

/** The part of `regression:` the threshold rule reads. */
export type ThresholdConfig = Pick<SloConfig['regression'], 'threshold' | 'metrics'>;

/** One metric of one operation, compared with a reference run. */
export interface Change {
  operation: string;
  metric: string;
  unit: string;
  direction: Direction;
  current: number;
  reference: number;
  /** current − reference, in the metric's unit. */
  delta: number;
  /** delta / |reference|; undefined when the reference is 0. */
  relative?: number;
  worse: boolean;
  /** The difference lies within the spread the tools reported (stddev, range, min–max). */
  withinNoise: boolean;
  /** Relative worsening that counts for this metric. */
  threshold: number;
  regression: boolean;
}

/**
 * Tools whose stddev/min–max describe repeated measurements of one quantity
 * (run-to-run noise). Load generators report the spread of individual request
 * latencies instead, which says nothing about run-to-run noise, so for them
 * only the threshold applies.
 */
const repeatedMeasurementTools = new Set([
  'hyperfine',
  'pytest-benchmark',
  'google-benchmark',
  'generic',
  'lighthouse',
]);

function noiseOf(run: Run, m: Measurement): { spread?: number; observed?: [number, number] } {
  if (m.unit === 'ms' && !repeatedMeasurementTools.has(run.tool.name)) return {};
  return { spread: m.spread, observed: m.observed };
}

function isWithinNoise(cur: Measurement, ref: Measurement, curRun: Run, refRun: Run): boolean {
  const a = noiseOf(curRun, cur);
  const b = noiseOf(refRun, ref);
  const spread = Math.max(a.spread ?? 0, b.spread ?? 0);
  const delta = Math.abs(cur.value - ref.value);
  if (spread > 0 && delta <= spread) return true;
  // Each value inside the other run's observed min–max: the runs overlap.
  const inside = (v: number, r?: [number, number]) => r !== undefined && v >= r[0] && v <= r[1];
  return inside(cur.value, b.observed) && inside(ref.value, a.observed);
}

export function thresholdFor(metric: string, config: ThresholdConfig): { threshold: number; minDelta: number } {
  const specific = config.metrics[metric] ?? config.metrics[metric.replace(/^metric:/, '')];
  return { threshold: specific?.threshold ?? config.threshold, minDelta: specific?.minDelta ?? 0 };
}

function opKey(o: { name: string; kind?: string; aggregate?: boolean }): string {
  return o.aggregate ? '\u0000aggregate' : `${o.kind ?? ''}\u0000${o.name}`;
}

/** Compares every metric the two runs share, operation by operation (matched by kind + name; aggregate rows with each other). */
export function compareRuns(current: Run, reference: Run, config: ThresholdConfig): Change[] {
  const changes: Change[] = [];
  const refOps = new Map(reference.operations.map((o) => [opKey(o), o]));
  for (const curOp of current.operations) {
    const refOp = refOps.get(opKey(curOp));
    if (!refOp) continue;
    for (const metric of metricKeysOf(curOp)) {
      const cur = measure({ ...current, operations: [curOp] }, 'aggregate', metric);
      const ref = measure({ ...reference, operations: [refOp] }, 'aggregate', metric);
      if (!cur || !ref || cur.unit !== ref.unit) continue;
      const delta = cur.value - ref.value;
      const relative = ref.value === 0 ? undefined : delta / Math.abs(ref.value);
      const worse = cur.direction === 'lower' ? delta > 0 : delta < 0;
      const withinNoise = isWithinNoise(cur, ref, current, reference);
      const { threshold, minDelta } = thresholdFor(metric, config);
      const bigEnough =
        relative === undefined
          ? Math.abs(delta) > minDelta && Math.abs(delta) > 0
          : Math.abs(relative) > threshold && Math.abs(delta) > minDelta;
      changes.push({
        operation: curOp.name,
        metric,
        unit: cur.unit,
        direction: cur.direction,
        current: cur.value,
        reference: ref.value,
        delta,
        relative,
        worse,
        withinNoise,
        threshold,
        regression: worse && bigEnough && !withinNoise,
      });
    }
  }
  return changes;
}
