/** A run's charts (percentiles against the SLOs, trends over comparable runs): inline SVG from svg.ts. */
import type { Operation, Run } from '../ingest/run-schema.ts';
import { measure, metricLabel } from './metrics.ts';
import type { SloTarget } from './slo-targets.ts';
import { runDate } from './store.ts';
import { groupedBarChart, lineChart } from './svg.ts';
import { formatValue, fromCanonical, toCanonical } from './units.ts';

const pctKeys = ['p50', 'p90', 'p95', 'p99'] as const;

/** Latency percentiles per operation, with the SLO line of the target judging that percentile. */
export function percentileChart(run: Run, targets: readonly SloTarget[]): string | undefined {
  const ops = run.operations.filter(
    (o) =>
      o.latency &&
      pctKeys.some((k) => (k === 'p50' ? (o.latency!.p50 ?? o.latency!.median) : o.latency![k]) !== undefined),
  );
  if (ops.length === 0) return undefined;
  const shown = ops.slice(0, 24);
  const slo = targets.find(
    (t) => t.unit !== '%' && (pctKeys as readonly string[]).includes(t.metric) && t.operation === 'aggregate',
  );
  return groupedBarChart({
    title: `Latency percentiles per operation: ${run.suite}${run.labels.label ? ` ${run.labels.label}` : ''}${shown.length < ops.length ? ` (first ${shown.length} of ${ops.length})` : ''}`,
    unit: 'ms',
    axisTitle: 'latency',
    series: [...pctKeys],
    groups: shown.map((o) => ({
      label: operationLabel(o),
      values: pctKeys.map((k) => (k === 'p50' ? (o.latency!.p50 ?? o.latency!.median) : o.latency![k])),
    })),
    slo: slo
      ? {
          value: toCanonical(slo.value, slo.unit),
          label: `SLO ${slo.metric} ${slo.comparison} ${formatValue(slo.value, slo.unit)}`,
        }
      : undefined,
  });
}

/** Trend charts of the suite: one per quantity, over the runs given; `links` makes each point link to its run's page. */
export function trendCharts(history: readonly Run[], targets: readonly SloTarget[], links?: string[]): string[] {
  if (history.length < 2) return [];
  const xLabels = history.map((r) => `${runDate(r)}${r.labels.label ? ` ${r.labels.label}` : ''}`);
  const charts: string[] = [];
  const agg = (r: Run, metric: string) => measure(r, 'aggregate', metric)?.value;
  const latency = ['mean', 'p50', 'p95', 'p99']
    .map((m) => ({ name: m, values: history.map((r) => agg(r, m)) }))
    .filter((s) => s.values.some((v) => v !== undefined));
  const sloFor = (metric: string) => {
    const t = targets.find((x) => x.metric === metric && x.operation === 'aggregate');
    return t
      ? {
          value: toCanonical(t.value, t.unit),
          label: `SLO ${metricLabel(t.metric)} ${t.comparison} ${formatValue(t.value, t.unit)}`,
        }
      : undefined;
  };
  if (latency.length)
    charts.push(
      lineChart({
        title: `Latency trend: ${history[0]!.suite} (aggregate)`,
        unit: 'ms',
        yTitle: 'latency',
        xTitle: 'run',
        xLabels,
        links,
        series: latency,
        slo: sloFor('p99'),
        logY: true,
      }),
    );
  const tp = history.map((r) => agg(r, 'throughput'));
  if (tp.some((v) => v !== undefined))
    charts.push(
      lineChart({
        title: `Throughput trend: ${history[0]!.suite}`,
        unit: 'rps',
        yTitle: 'throughput',
        xTitle: 'run',
        xLabels,
        links,
        series: [{ name: 'throughput', values: tp }],
      }),
    );
  const er = history.map((r) => agg(r, 'errorRate'));
  if (er.some((v) => v !== undefined)) {
    const t = targets.find((x) => x.metric === 'errorRate');
    charts.push(
      lineChart({
        title: `Error rate trend: ${history[0]!.suite}`,
        unit: '%',
        yTitle: 'error rate',
        xTitle: 'run',
        xLabels,
        links,
        series: [{ name: 'error rate', values: er.map((v) => (v === undefined ? undefined : v * 100)) }],
        slo: t
          ? {
              value: fromCanonical(toCanonical(t.value, t.unit), '%'),
              label: `SLO error rate ${t.comparison} ${formatValue(t.value, t.unit)}`,
            }
          : undefined,
      }),
    );
  }
  const metricNames = [...new Set(history.flatMap((r) => (measureOp(r)?.metrics ?? []).map((m) => m.name)))].slice(
    0,
    6,
  );
  for (const name of metricNames) {
    const values = history.map((r) => agg(r, `metric:${name}`));
    const unit = history.map((r) => measure(r, 'aggregate', `metric:${name}`)?.unit).find(Boolean) ?? '';
    charts.push(
      lineChart({
        title: `${name} trend: ${history[0]!.suite}`,
        unit,
        yTitle: name,
        xTitle: 'run',
        xLabels,
        links,
        series: [{ name, values }],
      }),
    );
  }
  return charts;
}

export function operationLabel(o: Operation): string {
  const name = o.aggregate ? `${o.name} (all)` : o.name;
  return o.kind ? `${o.kind} ${name}` : name;
}

export function measureOp(run: Run): Operation | undefined {
  return run.operations.find((o) => o.aggregate) ?? (run.operations.length === 1 ? run.operations[0] : undefined);
}
