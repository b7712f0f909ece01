import { serializeMarkdown } from '../core/front-matter.ts';
import { escapeInline } from '../core/markdown-escape.ts';
import type { Run } from '../ingest/run-schema.ts';
import {
  baselineReportFile,
  baselineReportSlug,
  runReportFile,
  runReportSlug,
  scaleReportFile,
  scaleReportSlug,
  scorecardFile,
} from './paths.ts';
import { compareRuns } from './regression.ts';
import { exampleNote, regressionsOf, renderRunBody, runTitle, type RunView } from './render-run.ts';
import { renderScalePage } from './render-scale.ts';
import { renderSummary, reportPageFrontMatter } from './render-summary.ts';
import { summarizeRuns, targetShareChart } from './summary.ts';
import { renderScorecard } from './render-scorecard.ts';
import { buildScorecard } from './scorecard.ts';
import { baselineFor, baselineRunsByWeek, previousComparable, scaleSeries, suiteRuns } from './series.ts';
import { targetApplies, type SloConfig } from './slo-targets.ts';
import { runDate, sortRuns } from './store.ts';
import { judgeRun, verdictFrontMatter } from './verdict.ts';

export interface PlannedPage {
  /** Relative to the project root. */
  path: string;
  content: string;
}

/** Verdicts, comparisons and history of one run among all runs. Pure. */
export function buildRunView(run: Run, runs: readonly Run[], config: SloConfig): RunView {
  const targets = config.targets.filter((t) => targetApplies(t, run.suite));
  const prev = previousComparable(run, runs);
  const base = baselineFor(run, runs);
  return {
    run,
    targets,
    verdicts: judgeRun(config.targets, run),
    previous: prev ? { run: prev, changes: compareRuns(run, prev, config.regression) } : undefined,
    baseline: base ? { run: base, changes: compareRuns(run, base, config.regression) } : undefined,
    // Trends follow comparable runs only (same label): a 1x and a 100x run, or two different pages, are not one series.
    history: suiteRuns(run.suite, runs).filter((r) => (r.labels.label ?? '') === (run.labels.label ?? '')),
  };
}

function tagsOf(run: Run, extra: string[]): string[] {
  return [...new Set([...extra, run.tool.name, run.suite, ...(run.labels.example ? ['example'] : [])])];
}

export function renderRunPage(view: RunView): PlannedPage {
  const { run } = view;
  const regressions = regressionsOf(view);
  const fm = {
    title: runTitle(run),
    slug: `/${runReportSlug(run)}`,
    kind: 'benchmark-report',
    status: 'published',
    owner: 'kb-maintainers',
    date: runDate(run),
    week: run.labels.week,
    suite: run.suite,
    run: run.id,
    tags: tagsOf(run, ['benchmark']),
    description: `${run.labels.example ? 'Example: ' : ''}${run.tool.name} run of suite ${run.suite}${run.labels.label ? ` (${run.labels.label})` : ''}: ${view.verdicts.filter((v) => v.verdict === 'pass').length} SLO pass, ${view.verdicts.filter((v) => v.verdict === 'fail').length} fail, ${regressions.length} regressions.`,
    'slo-verdicts': verdictFrontMatter(view.verdicts),
  };
  const body = `${exampleNote(run)}\n${escapeInline(fm.description)}\n\n{/* truncate */}\n\n${renderRunBody(view)}\n`;
  return { path: runReportFile(run), content: serializeMarkdown({ ...fm, ...reportPageFrontMatter }, body) };
}

function renderBaselinePage(week: number, runs: readonly Run[], all: readonly Run[], config: SloConfig): PlannedPage {
  const views = runs.map((r) => buildRunView(r, all, config));
  const verdicts = views.flatMap((v) => v.verdicts);
  const fm = {
    title: `Week ${week} performance baseline: the knowledge base itself`,
    slug: `/${baselineReportSlug(week)}`,
    kind: 'performance-baseline-report',
    status: 'published',
    owner: 'kb-maintainers',
    date: runDate(runs.at(-1)!),
    week,
    suite: [...new Set(runs.map((r) => r.suite))].join(', '),
    tags: ['performance-baseline', `week-${week}`, ...new Set(runs.map((r) => r.suite))],
    description: `Week ${week} performance baseline measured on this machine: ${[...new Set(runs.map((r) => r.suite))].join(', ')} (${verdicts.filter((v) => v.verdict === 'pass').length} SLO pass, ${verdicts.filter((v) => v.verdict === 'fail').length} fail).`,
    'slo-verdicts': verdictFrontMatter(verdicts),
  };
  const intro = `${escapeInline(fm.description)}\n\n{/* truncate */}\n\nThese are the first real measurements of the programme: the knowledge base's own build, CLI and page load, taken with the tools named below and ingested with \`kb ingest --baseline --week ${week}\`. Later runs of the same suites are compared against them.\n\n`;
  // report-pages (issue 18): one summary of every run first; each run's tables folded below it.
  const summary = summarizeRuns(views);
  summary.chart = targetShareChart(
    summary.verdicts,
    `Week ${week} baseline: each SLO target, measured as % of its value`,
  );
  const sections = views.map(
    (v) =>
      `## ${escapeInline(runTitle(v.run))}\n\nFull report: [${escapeInline(v.run.id)}](/reports/${runReportSlug(v.run)}).\n\n${renderRunBody(v, 3, { summary: false })}`,
  );
  return {
    path: baselineReportFile(week, runs[0]!),
    content: serializeMarkdown(
      { ...fm, ...reportPageFrontMatter },
      `${intro}${renderSummary(summary)}\n\n${sections.join('\n\n')}\n`,
    ),
  };
}

/** Every generated page (run reports, scale tests, weekly baselines, the scorecard) from all runs. Deterministic. */
export function planReportPages(unsorted: readonly Run[], config: SloConfig): PlannedPage[] {
  const runs = sortRuns(unsorted);
  const pages = runs.map((r) => renderRunPage(buildRunView(r, runs, config)));
  for (const suite of [...new Set(runs.map((r) => r.suite))].sort()) {
    const series = scaleSeries(suite, runs);
    if (series.length)
      pages.push({ path: scaleReportFile(suite, series[0]!), content: renderScalePage(suite, series, config) });
  }
  for (const [week, weekRuns] of [...baselineRunsByWeek(runs)].sort(([a], [b]) => a - b))
    pages.push(renderBaselinePage(week, weekRuns, runs, config));
  pages.push({ path: scorecardFile, content: renderScorecard(buildScorecard(config.targets, runs)) });
  return pages;
}

export { scaleReportSlug };
