import type { Run } from '../ingest/run-schema.ts';
import { layout } from '../core/project.ts';
import { runDate } from './store.ts';

/** Report pages carry an explicit slug so their URL is `/reports/<slug>`, whatever the file's date. */
export function runReportSlug(run: Pick<Run, 'id'>): string {
  return run.id;
}

export function runReportFile(run: Run): string {
  return `${layout.reports}/${runDate(run)}-${runReportSlug(run)}.mdx`;
}

export function scaleReportSlug(suite: string): string {
  return `${suite}-scale-test`;
}

/** Dated by the first run of the series, so adding a heavier load later regenerates the same file. */
export function scaleReportFile(suite: string, firstRun: Run): string {
  return `${layout.reports}/${runDate(firstRun)}-${scaleReportSlug(suite)}.mdx`;
}

export function baselineReportSlug(week: number): string {
  return `week-${week}-performance-baseline`;
}

export function baselineReportFile(week: number, firstRun: Run): string {
  return `${layout.reports}/${runDate(firstRun)}-${baselineReportSlug(week)}.mdx`;
}

export const scorecardFile = `${layout.docs}/slos/scorecard.mdx`;

/** Site URL of a report page (blog route base `/reports`). */
export function reportUrl(slug: string): string {
  return `/reports/${slug}`;
}
