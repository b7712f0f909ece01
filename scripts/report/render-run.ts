import { escapeInline } from '../core/markdown-escape.ts';
import type { Run } from '../ingest/run-schema.ts';
import { cellNumber, cellPercent, mdxChart, signedPercent, table } from './markdown.ts';
import { measure, metricLabel } from './metrics.ts';
import { reportUrl, runReportSlug } from './paths.ts';
import { describeRule } from './detect.ts';
import { regressionSection } from './render-detection.ts';
import type { Change } from './regression.ts';
import { runDate } from './store.ts';
import { formatValue } from './units.ts';
import type { Verdict } from './verdict.ts';
import { folded, renderSummary } from './render-summary.ts';
import { summarizeRun } from './page-summary.ts';
import { operationLabel, percentileChart, trendCharts } from './run-charts.ts';
import { regressionsOf, type RunView } from './run-view.ts';

export { percentileChart, trendCharts } from './run-charts.ts';
export { regressionsOf, type RunView } from './run-view.ts';

export function runTitle(run: Run): string {
  const label = run.labels.label ? ` ${run.labels.label}` : '';
  return `${run.suite}${label}: ${run.tool.name} run of ${runDate(run)}`;
}

export function exampleNote(run: Run): string {
  if (!run.labels.example) return '';
  const source = run.environment['example-source'] ?? run.source.files.join(', ');
  return `:::note[Example data]\n\nExample data from ${escapeInline(source)}. It shows what a report looks like; it does not measure Sophia.\n\n:::\n`;
}

/** The same words for the build-time views, which are plain Markdown (no admonitions): a quote. */
export function exampleQuote(run: Run): string {
  if (!run.labels.example) return '';
  const source = run.environment['example-source'] ?? run.source.files.join(', ');
  return `> **Example data** from ${escapeInline(source)}. It shows what a report looks like; it does not measure Sophia.`;
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

function metricsTable(run: Run): { text: string; rows: number } {
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
  return {
    text:
      rows.length === 0
        ? ''
        : table(['operation', 'metric', 'value', 'unit', 'spread', 'direction'], rows, ['l', 'l', 'r', 'l', 'r', 'l']),
    rows: rows.length,
  };
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
export function renderRunBody(
  view: RunView,
  level = 2,
  opts: { summary?: boolean; chart?: (svg: string) => string } = {},
): string {
  const h = '#'.repeat(level);
  const { run } = view;
  // report-pages (issue 18): summary first, every table below folded in <details> (kept in full in the .md mirror).
  const parts: string[] = [];
  if (opts.summary !== false) parts.push(renderSummary(summarizeRun(view), { heading: level, chart: opts.chart }));
  // Why the detector flagged (or did not): not folded, it is what a reader of a regression came for.
  parts.push(`${h} Regressions\n\n${regressionSection(view.detection, describeRule)}`);
  if (opts.summary !== false) parts.push(`${h} Details`);
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
  if (metrics.rows > 0) parts.push(folded(`Metrics (${metrics.rows})`, metrics.text));
  const charts = [percentileChart(run, view.targets), ...trendCharts(view.history, view.targets)].filter(
    (c): c is string => Boolean(c),
  );
  const chart = opts.chart ?? mdxChart;
  if (charts.length) parts.push(folded(`Charts (${charts.length})`, charts.map(chart).join('\n\n')));
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
