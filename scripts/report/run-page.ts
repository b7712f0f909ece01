/**
 * A run's own report page, written once by `kb ingest` and never rewritten by
 * later runs: it records what was known when the run was stored.
 *
 * It is a view like the build-time ones (views.ts: Markdown with chart slots,
 * charts as SVG), frozen into two files under `reports/runs/`:
 * - `<id>.md`: front matter and Markdown, each chart named in a line — what
 *   GitHub shows, what the `.md` mirror and `kb mcp` serve;
 * - `<id>.html`: one line of metadata (`<!--kb-run {json}-->`), then the
 *   article as HTML with its charts inline — what the site serves, put in the
 *   site's frame after the build by the benchmark-views plugin. Run pages are
 *   not routes of their own, so a history of 10,000 runs costs the build a
 *   file copy per run, not a page render.
 */
import { serializeMarkdown } from '../core/front-matter.ts';
import { escapeHtml, escapeInline } from '../core/markdown-escape.ts';
import type { Run } from '../ingest/run-schema.ts';
import type { PlannedPage } from './pages.ts';
import { buildRunView } from './pages.ts';
import { reportUrl, runReportFiles, runReportSlug } from './paths.ts';
import { withTableBlocks } from './markdown.ts';
import { exampleQuote, regressionsOf, renderRunBody, type RunView } from './render-run.ts';
import type { SloConfig } from './slo-targets.ts';
import { runDate, sortRuns } from './store.ts';
import { humanDate, humanRunTitle } from './titles.ts';
import { formatRunPageHtml, type RunPageMeta } from './run-page-format.ts';
import { verdictFrontMatter } from './verdict.ts';
import { historySlug } from './view-urls.ts';
import { type BenchmarkView, blockCollector, chartCollector, viewHtml, viewMarkdown } from './views.ts';

function tagsOf(run: Run): string[] {
  return [...new Set(['benchmark', run.tool.name, run.suite, ...(run.labels.example ? ['example'] : [])])];
}

/** The run page as a view: front matter, Markdown body with chart slots, the charts. Pure. */
export function runPageView(view: RunView): BenchmarkView & { frontMatter: RunPageMeta['frontMatter'] } {
  const { run } = view;
  const pass = view.verdicts.filter((v) => v.verdict === 'pass').length;
  const fail = view.verdicts.filter((v) => v.verdict === 'fail').length;
  const regressions = regressionsOf(view);
  const description = `${run.labels.example ? 'Example: ' : ''}${run.tool.name} run of suite ${run.suite}${run.labels.label ? ` (${run.labels.label})` : ''}: ${pass} SLO pass, ${fail} fail, ${regressions.length} regressions.`;
  const { charts, chart } = chartCollector();
  const { blocks, block } = blockCollector();
  const history = `History of every run of the suite: [${escapeInline(run.suite)}: benchmark history](${reportUrl(historySlug(run.suite))}).`;
  // Tables go straight to HTML (blocks), the rest through remark: most of a run page is tables.
  const rendered = withTableBlocks(block, () => renderRunBody(view, 2, { chart }));
  const body = [exampleQuote(run), escapeInline(description), rendered, history].filter(Boolean).join('\n\n');
  return {
    url: reportUrl(runReportSlug(run)),
    source: runReportFiles(run).markdown,
    section: 'reports',
    frontMatter: {
      // The human title (scripts/report/titles.ts), so the reports index reads like a log.
      title: humanRunTitle({ suite: run.suite, date: runDate(run), label: run.labels.label, pass, fail }),
      kind: 'benchmark-report',
      status: 'published',
      owner: 'kb-maintainers',
      date: runDate(run),
      ...(run.labels.week === undefined ? {} : { week: run.labels.week }),
      suite: run.suite,
      run: run.id,
      tags: tagsOf(run),
      description,
      'slo-verdicts': verdictFrontMatter(view.verdicts),
    },
    body: `${body}\n`,
    charts,
    blocks,
  };
}

/** The article as the site shows it: title, date line, body. Every text is escaped; the charts are svg.ts's. */
function articleHtml(page: ReturnType<typeof runPageView>): string {
  const fm = page.frontMatter;
  return [
    `<header><h1>${escapeHtml(fm.title)}</h1>`,
    `<p><time datetime="${escapeHtml(fm.date)}">${escapeHtml(humanDate(fm.date))}</time> · run <code>${escapeHtml(fm.run)}</code> · stored by <code>kb ingest</code></p></header>`,
    `<div class="markdown">${viewHtml(page)}</div>`,
  ].join('');
}

/** The run page's two files (see the module comment). */
export function renderRunPage(view: RunView): PlannedPage[] {
  const page = runPageView(view);
  const files = runReportFiles(view.run);
  const meta: RunPageMeta = { url: page.url, source: page.source, frontMatter: page.frontMatter };
  return [
    { path: files.markdown, content: serializeMarkdown(page.frontMatter, viewMarkdown(page)) },
    { path: files.html, content: formatRunPageHtml(meta, articleHtml(page)) },
  ];
}

/** Every run's own report page (what `kb ingest --regenerate` rewrites). Deterministic; each page depends only on the runs before it. */
export function planRunPages(unsorted: readonly Run[], config: SloConfig): PlannedPage[] {
  const runs = sortRuns(unsorted);
  return runs.flatMap((r) => renderRunPage(buildRunView(r, runs, config)));
}
