/**
 * The "at a glance" model every report page opens with: a verdict per SLO
 * target, a few headline figures against their target and their baseline,
 * the regressions, one chart. Pure: stored runs (as RunViews), verdicts and
 * comparisons in, a plain value out; `render-summary.ts` turns it into MDX.
 * Every number is the stored run's own (a measurement or a verdict), never
 * recomputed for display.
 */
import type { Run } from '../ingest/run-schema.ts';
import { measure, metricLabel } from './metrics.ts';
import type { Finding } from './detect.ts';
import type { Change } from './regression.ts';
import { percentileChart, trendCharts } from './run-charts.ts';
import { regressionsOf, type RunView } from './run-view.ts';
import { type BreakingPoint, loadLabel } from './scale.ts';
import type { SloTarget } from './slo-targets.ts';
import { groupedBarChart } from './svg.ts';
import { roundValue } from './units.ts';
import { judgeRun, type Verdict } from './verdict.ts';

/** One verdict of the strip; `scope` names the run or load it belongs to on pages with several runs. */
export interface SummaryVerdict {
  scope?: string;
  verdict: Verdict;
  /** Scale tests: where the target breaks ("breaks at 100x (holds at 10x)"). */
  note?: string;
}

/** One headline number: the stored value (run's normalized unit), its target and its reference. */
export interface HeadlineFigure {
  scope?: string;
  operation: string;
  metric: string;
  label: string;
  value: number;
  unit: string;
  /** The SLO verdict judging this very number, when a target does. */
  target?: Verdict;
  /** The same number in the reference run (marked baseline, else the previous comparable run, or the lightest load). */
  reference?: {
    kind: 'baseline' | 'previous' | 'lightest load';
    runId: string;
    value: number;
    relative?: number;
    regression: boolean;
  };
}

export interface SummaryRegression {
  scope?: string;
  /** A metric the detector flagged (scripts/report/detect.ts). */
  change: Finding;
}

export interface ReportSummary {
  verdicts: SummaryVerdict[];
  counts: { pass: number; fail: number; notMeasured: number; regressions: number };
  figures: HeadlineFigure[];
  regressions: SummaryRegression[];
  /** One inline SVG chart (scripts/report/svg.ts), when the runs have something to draw. */
  chart?: string;
}

/** Quantities a reader looks at first, in order; a run shows the ones it measured (at most `maxFigures`). */
const headlineMetrics = ['p50', 'p95', 'p99', 'mean', 'throughput', 'errorRate'] as const;
const maxFigures = 5;

function counts(verdicts: readonly SummaryVerdict[], regressions: number): ReportSummary['counts'] {
  const n = (k: string) => verdicts.filter((v) => v.verdict.verdict === k).length;
  return { pass: n('pass'), fail: n('fail'), notMeasured: n('not measured'), regressions };
}

/** The reference comparison of a view: the marked baseline when there is one, else the previous comparable run. */
function referenceOf(view: RunView): { kind: 'baseline' | 'previous'; run: Run; changes: Change[] } | undefined {
  if (view.baseline && view.baseline.run.id !== view.run.id) return { kind: 'baseline', ...view.baseline };
  if (view.previous) return { kind: 'previous', ...view.previous };
  return undefined;
}

/** Headline figures of one run: the numbers its SLO targets judge first, then the usual load/latency quantities. */
export function headlineFigures(view: RunView, scope?: string): HeadlineFigure[] {
  const { run } = view;
  const wanted: { operation: string; metric: string; target?: Verdict }[] = [];
  const seen = new Set<string>();
  const add = (operation: string, metric: string, target?: Verdict) => {
    const m = measure(run, operation, metric);
    if (!m) return;
    const key = `${m.operation}\u0000${metric}`;
    if (seen.has(key)) return;
    seen.add(key);
    wanted.push({ operation, metric, target });
  };
  for (const v of view.verdicts) {
    const t = view.targets.find((x) => x.id === v.target);
    if (t && v.verdict !== 'not measured') add(t.operation, t.metric, v);
  }
  const hasPercentiles = ['p95', 'p99'].some((m) => measure(run, 'aggregate', m));
  for (const metric of headlineMetrics) {
    if (metric === 'mean' && hasPercentiles) continue;
    if (metric === 'p50' && !hasPercentiles) continue;
    add('aggregate', metric);
  }
  // Tools that report named metrics only (Lighthouse, custom): their first few.
  const agg = run.operations.find((o) => o.aggregate) ?? (run.operations.length === 1 ? run.operations[0] : undefined);
  for (const m of agg?.metrics ?? []) add('aggregate', `metric:${m.name}`);
  // Several commands and no overall row (hyperfine with two commands): each command's central figure.
  if (!agg)
    for (const o of run.operations)
      add(o.name, o.latency?.p95 !== undefined ? 'p95' : o.latency?.mean !== undefined ? 'mean' : 'p50');
  const ref = referenceOf(view);
  return wanted.slice(0, maxFigures).map(({ operation, metric, target }) => {
    const m = measure(run, operation, metric)!;
    const change = ref?.changes.find((c) => c.operation === m.operation && c.metric === metric);
    return {
      scope,
      operation: m.operation,
      metric,
      label: `${metricLabel(metric)}${operation === 'aggregate' ? '' : ` ${m.operation}`}`,
      value: m.value,
      unit: m.unit,
      target,
      reference:
        ref && change
          ? {
              kind: ref.kind,
              runId: ref.run.id,
              value: change.reference,
              relative: change.relative,
              regression: change.regression,
            }
          : undefined,
    };
  });
}

/** The headline chart of one run: its latency percentiles against the SLO, else its first trend. */
function runChart(view: RunView): string | undefined {
  return percentileChart(view.run, view.targets) ?? trendCharts(view.history, view.targets)[0];
}

/** A single run's report. */
export function summarizeRun(view: RunView): ReportSummary {
  const verdicts = view.verdicts.map((verdict) => ({ verdict }));
  const regressions = regressionsOf(view).map((change) => ({ change }));
  return {
    verdicts,
    counts: counts(verdicts, regressions.length),
    figures: headlineFigures(view),
    regressions,
    chart: runChart(view),
  };
}

/** Pages that gather several runs (a weekly baseline): every run's verdicts and figures, each named by its run. */
export function summarizeRuns(views: readonly RunView[], chart?: string): ReportSummary {
  const scope = (v: RunView) => (views.length > 1 ? scopeName(v.run) : undefined);
  const verdicts = views.flatMap((v) => v.verdicts.map((verdict) => ({ scope: scope(v), verdict })));
  const regressions = views.flatMap((v) => regressionsOf(v).map((change) => ({ scope: scope(v), change })));
  const figures = views.flatMap((v) => headlineFigures(v, scope(v)).slice(0, views.length > 1 ? 2 : maxFigures));
  return { verdicts, counts: counts(verdicts, regressions.length), figures, regressions, chart };
}

/**
 * A suite's history (views oldest first, as `buildRunView` gives them): the newest run judged, its figures
 * against its baseline, and the suite's trend as the chart.
 */
export function summarizeHistory(views: readonly RunView[]): ReportSummary {
  const latest = views.at(-1);
  if (!latest) return { verdicts: [], counts: counts([], 0), figures: [], regressions: [] };
  const scope = `newest run, ${scopeName(latest.run)}`;
  const one = summarizeRun(latest);
  return {
    ...one,
    verdicts: one.verdicts.map((v) => ({ ...v, scope })),
    chart: trendCharts(latest.history, latest.targets)[0] ?? one.chart,
  };
}

/** A scale test (series lightest load first): each target at the heaviest load that measures it, and where it breaks. */
export function summarizeScale(
  series: readonly Run[],
  targets: readonly SloTarget[],
  bps: readonly BreakingPoint[],
  describe: (bp: BreakingPoint) => string,
  chart?: string,
): ReportSummary {
  const verdicts = bps.map((bp) => {
    const measured = bp.verdicts.filter((v) => v.verdict.verdict !== 'not measured');
    const at = measured.at(-1) ?? bp.verdicts.at(-1)!;
    return { scope: `at ${at.label}`, verdict: at.verdict, note: describe(bp) };
  });
  const heaviest = series.at(-1);
  const lightest = series[0];
  const view = (run: Run): RunView => ({
    run,
    targets: [...targets],
    verdicts: judgeRun(targets, run),
    history: [run],
    detection: {
      rule: 'previous',
      window: 0,
      gated: [],
      findings: [],
      regressions: [],
    } as unknown as RunView['detection'],
  });
  const figures = heaviest
    ? headlineFigures(view(heaviest), `at ${loadLabel(heaviest)}`).map((f) => {
        const ref = lightest && lightest !== heaviest ? measure(lightest, f.operation, f.metric) : undefined;
        return ref
          ? {
              ...f,
              reference: {
                kind: 'lightest load' as const,
                runId: lightest!.id,
                value: ref.value,
                relative: ref.value === 0 ? undefined : (f.value - ref.value) / Math.abs(ref.value),
                regression: false,
              },
            }
          : f;
      })
    : [];
  return { verdicts, counts: counts(verdicts, 0), figures, regressions: [], chart };
}

/** The headline chart of a page with several runs: every measured verdict as a share of its target value. */
export function targetShareChart(verdicts: readonly SummaryVerdict[], title: string): string | undefined {
  const measured = verdicts.filter((v) => v.verdict.value !== undefined && v.verdict.threshold !== 0);
  if (measured.length === 0) return undefined;
  return groupedBarChart({
    title,
    unit: '%',
    axisTitle: 'measured, as % of the target value',
    series: ['% of target'],
    groups: measured.map((v) => ({
      label: `${v.verdict.target}${v.scope ? ` (${v.scope})` : ''}`,
      values: [roundValue((v.verdict.value! / v.verdict.threshold) * 100)],
    })),
    slo: { value: 100, label: 'target = 100 %' },
  });
}

/** A short name of a run on a page with several: its label (1x, home) or its suite. */
export function scopeName(run: Run): string {
  return run.labels.label ? `${run.suite} ${run.labels.label}` : run.suite;
}
