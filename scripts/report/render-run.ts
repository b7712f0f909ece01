import { escapeInline } from '../core/markdown-escape.ts';
import type { Operation, Run } from '../ingest/run-schema.ts';
import { cellNumber, cellPercent, mdxChart, signedPercent, table } from './markdown.ts';
import { measure, metricLabel } from './metrics.ts';
import { reportUrl, runReportSlug } from './paths.ts';
import type { Change } from './regression.ts';
import type { SloTarget } from './slo-targets.ts';
import { runDate } from './store.ts';
import { groupedBarChart, lineChart } from './svg.ts';
import { formatValue, fromCanonical, toCanonical } from './units.ts';
import type { Verdict } from './verdict.ts';
import { folded, renderSummary } from './render-summary.ts';
import { summarizeRun } from './summary.ts';

/** Everything a run's report section shows, computed before rendering. */
export interface RunView {
  run: Run;
  verdicts: Verdict[];
  previous?: { run: Run; changes: Change[] };
  baseline?: { run: Run; changes: Change[] };
  /** Every comparable run of the suite (same label), oldest first, this one included (for trend charts). */
  history: Run[];
  targets: SloTarget[];
}

export function runTitle(run: Run): string {
  const label = run.labels.label ? ` ${run.labels.label}` : '';
  return `${run.suite}${label}: ${run.tool.name} run of ${runDate(run)}`;
}

/** Regressions against the previous run and the baseline, each operation × metric once (they are often the same run). */
export function regressionsOf(view: RunView): Change[] {
  const seen = new Set<string>();
  return [...(view.previous?.changes ?? []), ...(view.baseline?.changes ?? [])].filter((c) => {
    const key = `${c.operation}\u0000${c.metric}`;
    if (!c.regression || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function exampleNote(run: Run): string {
  if (!run.labels.example) return '';
  const source = run.environment['example-source'] ?? run.source.files.join(', ');
  return `:::note[Example data]\n\nExample data from ${escapeInline(source)}. It shows what a report looks like; it does not measure Sophia.\n\n:::\n`;
}

const verdictMark: Record<string, string> = { pass: '✓ pass', fail: '✗ fail', 'not measured': '– not measured' };

export function verdictTable(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return 'No SLO target judges this suite (see `slo-targets.yaml`).';
  // report-pages (issue 18): six columns (title and id in one), the not-measured reason in the verdict cell.
  return table(
    ['target (id)', 'operation', 'measured', 'target value', 'verdict', 'margin'],
    verdicts.map((v) => [
      `${v.title} (${v.target})`,
      v.operation ?? '—',
      formatValue(v.value, v.unit),
      `${v.comparison} ${formatValue(v.threshold, v.unit)}`,
      `${verdictMark[v.verdict] ?? v.verdict}${v.margin === undefined && v.note ? `: ${v.note}` : ''}`,
      v.margin === undefined
        ? '—'
        : `${v.margin >= 0 ? '+' : ''}${formatValue(v.margin, v.unit)} (${signedPercent(v.marginRatio)})`,
    ]),
    ['l', 'l', 'r', 'r', 'l', 'r'],
  );
}

function operationLabel(o: Operation): string {
  const name = o.aggregate ? `${o.name} (all)` : o.name;
  return o.kind ? `${o.kind} ${name}` : name;
}

/** Two compact tables (load, then latency) rather than one 12 columns wide: each fits a laptop's content column. */
export function operationsTable(run: Run): string {
  if (run.operations.length === 0) return 'The tool reported no operations.';
  const hasLatency = run.operations.some((o) => o.latency);
  const header = ['operation', 'count', 'errors', 'error rate', 'throughput (rps)'];
  const latencyCols = ['min', 'mean', 'p50', 'p90', 'p95', 'p99', 'max'] as const;
  const rows = run.operations.map((o) => [
    operationLabel(o),
    cellNumber(o.count),
    cellNumber(o.errors),
    cellPercent(measure({ ...run, operations: [o] }, 'aggregate', 'errorRate')?.value),
    cellNumber(o.throughput),
  ]);
  const load = table(
    header,
    rows,
    header.map((_, i) => (i === 0 ? 'l' : 'r')),
  );
  if (!hasLatency) return load;
  const latency = table(
    ['operation', ...latencyCols.map((c) => (c === 'min' ? 'min (ms)' : c))],
    run.operations.map((o) => [
      operationLabel(o),
      ...latencyCols.map((c) => cellNumber(c === 'p50' ? (o.latency?.p50 ?? o.latency?.median) : o.latency?.[c])),
    ]),
    ['l', ...latencyCols.map(() => 'r' as const)],
  );
  return `${load}\n\nLatency per operation, in milliseconds:\n\n${latency}`;
}

function metricsTable(run: Run): string {
  const rows = run.operations.flatMap((o) =>
    (o.metrics ?? []).map((m) => [
      operationLabel(o),
      m.name,
      cellNumber(m.value),
      m.unit,
      m.range === undefined ? '—' : `± ${cellNumber(m.range)}`,
      m.direction === 'lower' ? 'lower is better' : 'higher is better',
    ]),
  );
  return rows.length === 0
    ? ''
    : table(['operation', 'metric', 'value', 'unit', 'spread', 'direction'], rows, ['l', 'l', 'r', 'l', 'r', 'l']);
}

function formatChange(c: Change): string[] {
  const v = (x: number) => (c.unit === 'ratio' ? cellPercent(x) : `${cellNumber(x)} ${c.unit}`);
  const flag = c.regression
    ? '⚠ regression'
    : c.withinNoise && c.worse
      ? 'within noise'
      : c.worse
        ? 'worse, under threshold'
        : c.delta === 0
          ? 'same'
          : 'better';
  return [c.operation, metricLabel(c.metric), v(c.reference), v(c.current), signedPercent(c.relative), flag];
}

export function changeSection(
  heading: string,
  cmp: { run: Run; changes: Change[] } | undefined,
  none: string,
  level = 3,
): string {
  const h = '#'.repeat(level);
  if (!cmp) return `${h} ${heading}\n\n${none}\n`;
  const link = `[${escapeInline(runTitle(cmp.run))}](${reportUrl(runReportSlug(cmp.run))})`;
  const rows = cmp.changes.map(formatChange);
  const body = rows.length
    ? table(['operation', 'metric', 'before', 'now', 'change', 'flag'], rows, ['l', 'l', 'r', 'r', 'r', 'l'])
    : 'The two runs share no operation and metric.';
  return `${h} ${heading}\n\nCompared with ${link}.\n\n${body}\n`;
}

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

/** Trend charts of the suite: one per quantity, over every run of the suite. */
export function trendCharts(history: readonly Run[], targets: readonly SloTarget[]): string[] {
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
        series: [{ name, values }],
      }),
    );
  }
  return charts;
}

function measureOp(run: Run): Operation | undefined {
  return run.operations.find((o) => o.aggregate) ?? (run.operations.length === 1 ? run.operations[0] : undefined);
}

function summary(run: Run, _view: RunView): string {
  const facts = [
    `**Tool:** ${escapeInline(run.tool.name)}${run.tool.version ? ` ${escapeInline(run.tool.version)}` : ''} (${run.format})`,
    `**Run:** ${run.startedAt ? escapeInline(run.startedAt) : `ingested ${escapeInline(run.ingestedAt)}`}${run.durationMs !== undefined ? `, ${formatValue(run.durationMs / 1000, 's')}` : ''}`,
    `**Suite:** ${run.suite}${run.labels.label ? `, label ${escapeInline(run.labels.label)}` : ''}${run.labels.baseline ? ', marked as baseline' : ''}`,
    `**Source:** ${run.source.files.map((f) => escapeInline(f)).join(', ')}`,
  ];
  return facts.map((f) => `- ${f}`).join('\n');
}

/** The body of one run's report (heading level configurable so the baseline report can nest it). */
export function renderRunBody(view: RunView, level = 2, opts: { summary?: boolean } = {}): string {
  const h = '#'.repeat(level);
  const { run } = view;
  // report-pages (issue 18): summary first, every table below folded in <details> (kept in full in the .md mirror).
  const parts: string[] = [];
  if (opts.summary !== false) parts.push(renderSummary(summarizeRun(view), { heading: level }), `${h} Details`);
  const env = Object.entries(run.environment).filter(([k]) => k !== 'example-source');
  parts.push(
    folded(
      `Run: ${run.tool.name}, source${env.length ? ` and environment (${env.length})` : ''}`,
      `${summary(run, view)}${
        env.length
          ? `\n\n${table(
              ['key', 'value'],
              env.map(([k, v]) => [k, v]),
            )}`
          : ''
      }`,
    ),
  );
  parts.push(folded(`SLO verdicts table (${view.verdicts.length})`, verdictTable(view.verdicts)));
  parts.push(
    folded(
      `Operations (${run.operations.length})`,
      `A statistic the tool did not report is shown as “—”.\n\n${operationsTable(run)}`,
    ),
  );
  const metrics = metricsTable(run);
  if (metrics) parts.push(folded(`Metrics (${metrics.split('\n').length - 2})`, metrics));
  const charts = [percentileChart(run, view.targets), ...trendCharts(view.history, view.targets)].filter(
    (c): c is string => Boolean(c),
  );
  if (charts.length) parts.push(folded(`Charts (${charts.length})`, charts.map(mdxChart).join('\n\n')));
  const regressions = regressionsOf(view);
  parts.push(
    folded(
      `Change against the previous run and the baseline (${regressions.length} regression${regressions.length === 1 ? '' : 's'})`,
      `${changeSection('Against the previous comparable run', view.previous, 'No earlier run of this suite with the same label.', level + 1)}\n${changeSection('Against the baseline', view.baseline, 'No earlier run of this suite with the same label is marked as baseline (`kb ingest --baseline`).', level + 1)}`,
    ),
  );
  // end report-pages
  return parts.join('\n\n');
}
