/**
 * The URLs of the build-time benchmark views (views.ts), without rendering any:
 * `kb check` needs them to resolve links, and must not load the renderer.
 */
import type { Run } from '../ingest/run-schema.ts';
import { baselineReportSlug, reportUrl, scaleReportSlug } from './paths.ts';
import { baselineRunsByWeek, scaleSeries } from './series.ts';

export const benchmarksIndexUrl = '/reports/benchmarks';
export const scorecardUrl = '/docs/slos/scorecard';

export function historySlug(suite: string): string {
  return `${suite}-history`;
}

/** The URL of every view `planViews` makes from these runs. */
export function viewUrls(runs: readonly Run[]): string[] {
  const suites = [...new Set(runs.map((r) => r.suite))].sort();
  return [
    benchmarksIndexUrl,
    ...suites.map((suite) => reportUrl(historySlug(suite))),
    ...suites.filter((suite) => scaleSeries(suite, runs).length > 0).map((suite) => reportUrl(scaleReportSlug(suite))),
    ...[...baselineRunsByWeek(runs).keys()].map((week) => reportUrl(baselineReportSlug(week))),
    scorecardUrl,
  ];
}
