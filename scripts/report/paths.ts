import type { Run } from '../ingest/run-schema.ts';
import { layout } from '../core/project.ts';
import { RUN_PAGES_DIR } from './run-page-format.ts';
import { runDate } from './store.ts';

/**
 * A run's page is at `/reports/runs/<id>`. Run pages are not blog posts: each is
 * written once by `kb ingest` as Markdown (for readers and AI tools) and HTML
 * (what the site serves, put in the site's frame after the build by the
 * benchmark-views plugin), so 10,000 stored runs add no route to the build.
 */
export function runReportSlug(run: Pick<Run, 'id'>): string {
  return `${RUN_PAGES_DIR.slice(`${layout.reports}/`.length)}/${run.id}`;
}

/** The run page's two files: Markdown source and the rendered article (relative to the project root). */
export function runReportFiles(run: Pick<Run, 'id'>): { markdown: string; html: string } {
  const base = `${RUN_PAGES_DIR}/${run.id}`;
  return { markdown: `${base}.md`, html: `${base}.html` };
}

/** Where a run's page lived before run pages left the blog (`kb ingest --regenerate` removes it). */
export function legacyRunReportFile(run: Run): string {
  return `${layout.reports}/${runDate(run)}-${run.id}.mdx`;
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
