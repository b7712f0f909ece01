import type { RunBody, SourceText } from './adapter.ts';
import {
  at,
  child,
  compact,
  convert,
  invalid,
  isObject,
  msPer,
  parseJson,
  stat,
  statOf,
  type At,
  type Json,
} from './input.ts';
import type { Latency, Metric, Operation } from './run-schema.ts';

/**
 * Google Benchmark `--benchmark_format=json`. `real_time`/`cpu_time` are per
 * iteration in `time_unit` (ns default, → ms). With --benchmark_repetitions
 * the library adds aggregate rows (mean/median/stddev/cv): a family with
 * aggregates becomes one operation built from them and its repetition rows are
 * left out. Complexity rows (`_BigO`, `_RMS`) become metrics of their family.
 */

const known = new Set([
  'name',
  'family_index',
  'per_family_instance_index',
  'run_name',
  'run_type',
  'repetitions',
  'repetition_index',
  'threads',
  'iterations',
  'real_time',
  'cpu_time',
  'time_unit',
  'aggregate_name',
  'aggregate_unit',
  'label',
  'error_occurred',
  'error_message',
  'big_o',
  'cpu_coefficient',
  'real_coefficient',
  'rms',
]);

function factor(row: Json, where: At): number {
  const unit = typeof row.time_unit === 'string' ? row.time_unit : 'ns';
  const f = msPer[unit];
  if (f === undefined)
    throw invalid(child(where, 'time_unit'), `"${unit}" is not a time unit`, 'Google Benchmark uses ns, us, ms or s');
  return f;
}

function counters(row: Json, where: At): Metric[] {
  const out: Metric[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (known.has(key) || typeof value !== 'number') continue;
    const v = stat(value, child(where, key), { signed: true });
    if (v === undefined) continue;
    const rate = /per_second$/.test(key);
    out.push({
      name: key,
      unit: key === 'bytes_per_second' ? 'bytes/s' : rate ? 'per second' : 'count',
      value: v,
      direction: rate ? 'higher' : 'lower',
    });
  }
  return out;
}

export function parseGoogleBenchmark(files: SourceText[]): RunBody[] {
  return files.map((file) => {
    const doc = parseJson(file.text, file.path);
    const root = at(file.path, 'benchmarks');
    if (!isObject(doc) || !Array.isArray(doc.benchmarks))
      throw invalid(root, 'is missing', 'pass the file written with --benchmark_format=json or --benchmark_out');
    const rows = doc.benchmarks.map((r, i) => {
      if (!isObject(r) || typeof r.name !== 'string')
        throw invalid(child(child(root, i), 'name'), 'is missing', 'each benchmark row has a name');
      return { row: r, where: child(root, i) };
    });
    const family = (r: Json) => (typeof r.run_name === 'string' ? r.run_name : (r.name as string));
    const aggregated = new Set(
      rows
        .filter(
          ({ row }) =>
            row.run_type === 'aggregate' && ['mean', 'median', 'stddev'].includes(String(row.aggregate_name)),
        )
        .map(({ row }) => family(row)),
    );
    const ops = new Map<string, Operation>();
    const opFor = (name: string, kind: string) => {
      let op = ops.get(name);
      if (!op) ops.set(name, (op = { name, kind }));
      return op;
    };
    for (const { row, where } of rows) {
      const name = family(row);
      if (row.run_type === 'aggregate') {
        const agg = String(row.aggregate_name ?? '');
        const op = opFor(name, 'benchmark');
        if (agg === 'BigO') {
          const f = factor(row, where);
          const big = typeof row.big_o === 'string' ? row.big_o : '?';
          const cpu = statOf(row, 'cpu_coefficient', where);
          const real = statOf(row, 'real_coefficient', where);
          const list = (op.metrics ??= []);
          if (cpu !== undefined)
            list.push({
              name: `complexity O(${big}) cpu coefficient`,
              unit: 'ms',
              value: convert(cpu, f),
              direction: 'lower',
            });
          if (real !== undefined)
            list.push({
              name: `complexity O(${big}) real coefficient`,
              unit: 'ms',
              value: convert(real, f),
              direction: 'lower',
            });
        } else if (agg === 'RMS') {
          const rms = statOf(row, 'rms', where);
          if (rms !== undefined)
            (op.metrics ??= []).push({ name: 'complexity RMS', unit: 'ratio', value: rms, direction: 'lower' });
        } else if (agg === 'mean' || agg === 'median' || agg === 'stddev') {
          const f = factor(row, where);
          const real = statOf(row, 'real_time', where);
          const key = ({ mean: 'mean', median: 'median', stddev: 'stddev' } as const)[agg];
          if (real !== undefined) op.latency = { ...op.latency, [key]: convert(real, f) };
          const cpu = statOf(row, 'cpu_time', where);
          if (cpu !== undefined)
            (op.metrics ??= []).push({
              name: `cpu_time ${agg}`,
              unit: 'ms',
              value: convert(cpu, f),
              direction: 'lower',
            });
          if (agg === 'mean') op.count = statOf(row, 'repetitions', where) ?? op.count;
        }
        continue;
      }
      if (aggregated.has(name)) continue;
      const op = opFor(row.name as string, 'benchmark');
      if (row.error_occurred === true) {
        op.errors = 1;
        op.errorRate = 1;
        continue;
      }
      const f = factor(row, where);
      const real = statOf(row, 'real_time', where);
      const cpu = statOf(row, 'cpu_time', where);
      // real_time is the mean time of one iteration over `iterations` runs.
      op.count = statOf(row, 'iterations', where);
      if (real !== undefined) op.latency = { mean: convert(real, f) } satisfies Latency;
      const metrics = [
        ...(cpu !== undefined
          ? [{ name: 'cpu_time', unit: 'ms', value: convert(cpu, f), direction: 'lower' as const }]
          : []),
        ...counters(row, where),
      ];
      if (metrics.length > 0) op.metrics = [...(op.metrics ?? []), ...metrics];
    }
    const ctx = isObject(doc.context) ? doc.context : {};
    const env: Record<string, string> = {};
    const put = (k: string, v: unknown) => {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') env[k] = String(v);
    };
    put('host', ctx.host_name);
    put('executable', ctx.executable);
    put('cpu-count', ctx.num_cpus);
    put('cpu-mhz', ctx.mhz_per_cpu);
    put('cpu-scaling', ctx.cpu_scaling_enabled);
    put('build-type', ctx.library_build_type);
    const date = typeof ctx.date === 'string' ? ctx.date : undefined;
    // Old versions print a local time without offset: kept as text, not turned into a guessed instant.
    const hasOffset = date !== undefined && /(?:Z|[+-]\d\d:?\d\d)$/.test(date);
    if (date && !hasOffset) env.date = date;
    return compact<RunBody>({
      tool: compact({
        name: 'google-benchmark' as const,
        version: typeof ctx.library_version === 'string' ? ctx.library_version : undefined,
      }),
      format: 'google-benchmark',
      startedAt: hasOffset ? new Date(date!).toISOString() : undefined,
      environment: env,
      operations: [...ops.values()].map((o) => compact(o)),
    });
  });
}
