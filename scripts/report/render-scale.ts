import { escapeInline } from '../core/markdown-escape.ts';
import type { Run } from '../ingest/run-schema.ts';
import { cellNumber, cellPercent, linkCell, mdxChart, table } from './markdown.ts';
import { measure, metricLabel } from './metrics.ts';
import { reportUrl, runReportSlug, scaleReportSlug } from './paths.ts';
import { exampleQuote } from './render-run.ts';
import { folded, renderSummary, reportPageFrontMatter } from './render-summary.ts';
import { summarizeScale } from './page-summary.ts';
import { breakingPoints, describeBreakingPoint, loadLabel } from './scale.ts';
import { targetApplies, type SloConfig } from './slo-targets.ts';
import { runDate } from './store.ts';
import { lineChart } from './svg.ts';
import { formatValue, toCanonical } from './units.ts';
import { verdictFrontMatter } from './verdict.ts';

const mark: Record<string, string> = { pass: '✓', fail: '✗', 'not measured': '–' };

/** The scale-test page of one suite: latency, throughput and errors against load, and where each SLO breaks. */
export function renderScalePage(
  suite: string,
  series: readonly Run[],
  config: SloConfig,
  chart: (svg: string) => string = mdxChart,
): { frontMatter: Record<string, unknown>; body: string } {
  const targets = config.targets.filter((t) => targetApplies(t, suite));
  const bps = breakingPoints(targets, series);
  const heaviest = series.at(-1)!;
  const users = (r: Run) => measure(r, 'aggregate', 'peakUsers')?.value;
  const xLabels = series.map((r) => `${loadLabel(r)}${users(r) !== undefined ? ` (${users(r)} users)` : ''}`);
  const agg = (r: Run, m: string) => measure(r, 'aggregate', m)?.value;
  const loads = series.map(loadLabel).join(' / ');
  const broken = bps.filter((b) => b.breaksAt);
  const example = series.some((r) => r.labels.example);
  const fm = {
    title: `${suite}: scale test ${loads}`,
    slug: `/${scaleReportSlug(suite)}`,
    kind: 'scale-test-report',
    status: 'published',
    owner: 'kb-maintainers',
    date: runDate(heaviest),
    week: heaviest.labels.week,
    suite,
    tags: [...new Set(['scale-test', suite, heaviest.tool.name, ...(example ? ['example'] : [])])],
    description: `${example ? 'Example: ' : ''}scale series ${loads} of suite ${suite}; ${broken.length ? broken.map((b) => `${b.target.id} breaks at ${b.breaksAt!.label}`).join(', ') : 'no SLO breaks in the series'}.`,
    'slo-verdicts': verdictFrontMatter(bps.map((b) => b.verdicts.at(-1)!.verdict)),
    'breaking-points': bps
      .filter((b) => b.measured)
      .map((b) => ({
        target: b.target.id,
        'breaks-at': b.breaksAt?.label ?? null,
        'holds-up-to': b.holdsUpTo?.label ?? null,
      })),
  };
  // report-pages (issue 18): short headers, the load itself links to its run's report (nine columns fit a laptop).
  const seriesTable = table(
    ['load', 'peak users', 'requests', 'rps', 'error rate', 'p50', 'p95', 'p99', 'max'],
    series.map((r) => [
      linkCell(loadLabel(r), reportUrl(runReportSlug(r))),
      cellNumber(users(r)),
      cellNumber(agg(r, 'count')),
      cellNumber(agg(r, 'throughput')),
      cellPercent(agg(r, 'errorRate')),
      cellNumber(agg(r, 'p50')),
      cellNumber(agg(r, 'p95')),
      cellNumber(agg(r, 'p99')),
      cellNumber(agg(r, 'max')),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  // report-pages (issue 18): target, operation and metric in one cell so every load column fits a laptop's width.
  const bpTable = table(
    ['target', 'limit', ...series.map(loadLabel), 'breaking point'],
    bps.map((b) => [
      `${b.target.title} (${metricLabel(b.target.metric)}${b.target.operation && b.target.operation !== 'aggregate' ? ` of ${b.target.operation}` : ''})`,
      `${b.target.comparison} ${formatValue(b.target.value, b.target.unit)}`,
      ...b.verdicts.map((v) => `${mark[v.verdict.verdict]} ${formatValue(v.verdict.value, v.verdict.unit)}`),
      describeBreakingPoint(b),
    ]),
  );
  const first = series[0]!;
  const base = agg(first, 'throughput');
  const baseLoad = first.labels.loadMultiple ?? 1;
  const latencySlo = targets.find((t) => t.operation === 'aggregate' && ['p50', 'p95', 'p99'].includes(t.metric));
  const errSlo = targets.find((t) => t.metric === 'errorRate');
  const charts = [
    lineChart({
      title: `Latency against load: ${suite} (aggregate)`,
      unit: 'ms',
      yTitle: 'latency',
      xTitle: 'load multiple',
      xLabels,
      logY: true,
      series: ['p50', 'p95', 'p99'].map((m) => ({ name: m, values: series.map((r) => agg(r, m)) })),
      slo: latencySlo
        ? {
            value: toCanonical(latencySlo.value, latencySlo.unit),
            label: `SLO ${latencySlo.metric} ${latencySlo.comparison} ${formatValue(latencySlo.value, latencySlo.unit)}`,
          }
        : undefined,
    }),
    lineChart({
      title: `Throughput against load: ${suite}`,
      unit: 'rps',
      yTitle: 'throughput',
      xTitle: 'load multiple',
      xLabels,
      logY: true,
      series: [
        { name: 'measured', values: series.map((r) => agg(r, 'throughput')) },
        ...(base !== undefined
          ? [
              {
                name: `linear scaling from ${loadLabel(first)}`,
                values: series.map((r) => (base * (r.labels.loadMultiple ?? 1)) / baseLoad),
              },
            ]
          : []),
      ],
    }),
    lineChart({
      title: `Error rate against load: ${suite}`,
      unit: '%',
      yTitle: 'error rate',
      xTitle: 'load multiple',
      xLabels,
      series: [
        {
          name: 'error rate',
          values: series.map((r) => {
            const v = agg(r, 'errorRate');
            return v === undefined ? undefined : v * 100;
          }),
        },
      ],
      slo: errSlo
        ? {
            value: toCanonical(errSlo.value, errSlo.unit) * 100,
            label: `SLO error rate ${errSlo.comparison} ${formatValue(errSlo.value, errSlo.unit)}`,
          }
        : undefined,
    }),
  ];
  const opNames = [
    ...new Set(series.flatMap((r) => r.operations.filter((o) => !o.aggregate).map((o) => o.name))),
  ].slice(0, 5);
  if (opNames.length > 1) {
    charts.push(
      lineChart({
        title: `p95 per operation against load: ${suite}`,
        unit: 'ms',
        yTitle: 'p95 latency',
        xTitle: 'load multiple',
        xLabels,
        logY: true,
        series: opNames.map((n) => ({ name: n, values: series.map((r) => measure(r, n, 'p95')?.value) })),
      }),
    );
  }
  const sat =
    base !== undefined
      ? series.map((r) => ({
          r,
          eff: (agg(r, 'throughput') ?? 0) / ((base * (r.labels.loadMultiple ?? 1)) / baseLoad),
        }))
      : [];
  const satLine = sat.length
    ? `Throughput reached ${sat.map(({ r, eff }) => `${cellNumber(eff * 100)} % of linear scaling at ${escapeInline(loadLabel(r))}`).join(', ')}.`
    : '';
  const body = [
    exampleQuote(heaviest),
    `${escapeInline(fm.description)}`,
    '{/* truncate */}',
    // report-pages (issue 18): summary first (the latency-against-load chart is its headline), then the tables folded.
    renderSummary(summarizeScale(series, targets, bps, describeBreakingPoint, charts[0]), { chart }),
    `The same scenario run at ${escapeInline(loads)} of its base load. ${satLine} The breaking point of a target is the first load at which it fails.`,
    `## Breaking points\n\n${bpTable}`,
    `## Details`,
    folded(`Runs (${series.length})`, `Throughput in requests per second, latency in milliseconds.\n\n${seriesTable}`),
    folded(`Charts (${charts.length})`, charts.map(chart).join('\n\n')),
  ].filter(Boolean);
  return { frontMatter: { ...fm, ...reportPageFrontMatter }, body: `${body.join('\n\n')}\n` };
}
