import type { Direction, Latency, Operation, Run } from '../ingest/run-schema.ts';
import { expectedCanonical } from './slo-targets.ts';

/** One number read from a run, in the run's normalized unit, with the spread the tool reported for it. */
export interface Measurement {
  value: number;
  unit: string;
  direction: Direction;
  /** ± noise the tool reported (stddev for latency, `range` for metrics). */
  spread?: number;
  /** The [min, max] the tool observed for this quantity, when it reported one. */
  observed?: [number, number];
  operation: string;
}

const latencyKeys = new Set(['min', 'mean', 'median', 'p50', 'p75', 'p90', 'p95', 'p99', 'p999', 'max']);

/** The operation a selector names: `aggregate` is the tool's overall row, else the only operation. */
export function findOperation(run: Run, selector: string): Operation | undefined {
  if (selector === 'aggregate') {
    return run.operations.find((op) => op.aggregate) ?? (run.operations.length === 1 ? run.operations[0] : undefined);
  }
  return run.operations.find((op) => op.name === selector);
}

function latencyValue(latency: Latency | undefined, key: string): number | undefined {
  if (!latency) return undefined;
  const v = latency[key as keyof Latency];
  if (v !== undefined) return v;
  // p50 and median are the same statistic; tools report one or the other.
  if (key === 'p50') return latency.median;
  if (key === 'median') return latency.p50;
  return undefined;
}

/** Reads one metric of one operation. Undefined when the tool did not report it (never 0). */
export function measure(run: Run, operationSelector: string, metric: string): Measurement | undefined {
  if (metric === 'peakUsers') {
    const users = (run.timeline ?? []).map((p) => p.users).filter((u): u is number => u !== undefined);
    return users.length > 0
      ? { value: Math.max(...users), unit: 'users', direction: 'higher', operation: 'aggregate' }
      : undefined;
  }
  if (metric === 'durationMs') {
    return run.durationMs === undefined
      ? undefined
      : { value: run.durationMs, unit: 'ms', direction: 'lower', operation: 'run' };
  }
  const op = findOperation(run, operationSelector);
  if (!op) return undefined;
  const name = op.name;
  if (latencyKeys.has(metric)) {
    const value = latencyValue(op.latency, metric);
    if (value === undefined) return undefined;
    const lat = op.latency!;
    const central = metric === 'mean' || metric === 'median' || metric === 'p50';
    return {
      value,
      unit: 'ms',
      direction: 'lower',
      spread: central ? lat.stddev : undefined,
      observed: central && lat.min !== undefined && lat.max !== undefined ? [lat.min, lat.max] : undefined,
      operation: name,
    };
  }
  if (metric === 'throughput' || metric === 'errorRate' || metric === 'count' || metric === 'errors') {
    let value = op[metric];
    if (metric === 'errorRate' && value === undefined && op.errors !== undefined && op.count)
      value = op.errors / op.count;
    if (value === undefined) return undefined;
    return {
      value,
      unit: expectedCanonical(metric)!,
      direction: metric === 'throughput' || metric === 'count' ? 'higher' : 'lower',
      operation: name,
    };
  }
  if (metric.startsWith('metric:')) {
    const m = op.metrics?.find((x) => x.name === metric.slice('metric:'.length));
    if (!m) return undefined;
    return { value: m.value, unit: m.unit, direction: m.direction, spread: m.range, operation: name };
  }
  return undefined;
}

/** Every metric key an operation carries, in a stable order (for regression comparison and trends). */
export function metricKeysOf(op: Operation): string[] {
  const keys: string[] = [];
  for (const k of ['mean', 'p50', 'p90', 'p95', 'p99'] as const)
    if (latencyValue(op.latency, k) !== undefined) keys.push(k);
  if (op.throughput !== undefined) keys.push('throughput');
  if (op.errorRate !== undefined || (op.errors !== undefined && op.count)) keys.push('errorRate');
  for (const m of op.metrics ?? []) keys.push(`metric:${m.name}`);
  return keys;
}

/** Short label for a metric key in tables and charts. */
export function metricLabel(metric: string): string {
  if (metric.startsWith('metric:')) return metric.slice('metric:'.length);
  return (
    (
      { errorRate: 'error rate', peakUsers: 'peak users', durationMs: 'duration', p999: 'p99.9' } as Record<
        string,
        string
      >
    )[metric] ?? metric
  );
}
