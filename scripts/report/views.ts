/**
 * The benchmark views that change as history grows — a suite's history with
 * its trends, scale tests, weekly performance baselines, the SLO scorecard and
 * an index of suites — computed from `benchmarks/` when the site is built
 * (src/plugins/benchmark-views) and when `kb mcp` reads the sources. Nothing
 * here is written into the repository, so ingest never rewrites them.
 *
 * A view is Markdown (with chart slots) plus its inline SVG charts: the build
 * turns it into HTML with the charts in place; the AI outputs (Markdown
 * mirrors, kb-index.json, kb mcp) read the same Markdown with each chart
 * replaced by a line naming it.
 */
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { escapeInline } from '../core/markdown-escape.ts';
import type { Run } from '../ingest/run-schema.ts';
import { cellNumber, cellPercent, linkCell, table, withTableBlocks } from './markdown.ts';
import { measure } from './metrics.ts';
import { buildRunView } from './pages.ts';
import { baselineReportSlug, reportUrl, runReportSlug, scaleReportSlug } from './paths.ts';
import { exampleQuote, renderRunBody, runTitle, trendCharts } from './render-run.ts';
import { renderScalePage } from './render-scale.ts';
import { renderScorecard } from './render-scorecard.ts';
import { buildScorecard } from './scorecard.ts';
import { benchmarksIndexUrl, historySlug, scorecardUrl } from './view-urls.ts';
import { humanDate } from './titles.ts';
import { folded, renderSummary } from './render-summary.ts';
import { summarizeHistory, summarizeRuns, targetShareChart } from './page-summary.ts';
import { CHART_STYLE, lineChart } from './svg.ts';
import { baselineRunsByWeek, scaleSeries } from './series.ts';
import { loadSloTargets, targetApplies, type SloConfig } from './slo-targets.ts';
import { loadRuns, runDate, sortRuns } from './store.ts';
import { judgeRun, verdictFrontMatter } from './verdict.ts';

export interface BenchmarkView {
  /** Site path (`/reports/api-history`, `/docs/slos/scorecard`). */
  url: string;
  /** Where the view would live as a file: the id AI readers know it by (nothing is written there). */
  source: string;
  section: 'docs' | 'reports';
  /** Front matter as a page of this kind would carry it (title, kind, description, date, tags, slo-verdicts …). */
  frontMatter: Record<string, unknown> & { title: string; description: string; kind: string };
  /** Markdown; each chart is a paragraph `[[chart:N]]`, each pre-rendered block `[[block:N]]`. */
  body: string;
  charts: string[];
  /** Long tables, as Markdown (for the mirror) and as HTML (for the page, without a pass through remark). */
  blocks?: { markdown: string; html: string }[];
}

/**
 * Points of a history page's charts: every run up to this many, else evenly spaced runs (first and last kept).
 * Shared between the page's labels (a Locust suite at 1x, 10x and 100x draws three sets of charts): the
 * page stays under 500 KB with 500 runs per label (bench:history).
 */
export const HISTORY_POINTS = 100;
/** Fewest points per label, however many labels share the page. */
export const MIN_LABEL_POINTS = 30;

/** Points per label's charts when `labels` labels share a history page. */
export function historyPointsPerLabel(labels: number): number {
  return Math.max(MIN_LABEL_POINTS, Math.floor(HISTORY_POINTS / Math.max(1, labels)));
}

const chartSlot = /^\[\[chart:(\d+)\]\]$/gm;
const blockSlot = /^\[\[block:(\d+)\]\]$/gm;

/**
 * Pre-rendered blocks of a view: `block(markdown, html)` keeps both and returns the slot that stands for
 * them; give it to withTableBlocks (markdown.ts) to turn every table a renderer writes into one.
 */
export function blockCollector() {
  const blocks: NonNullable<BenchmarkView['blocks']> = [];
  return {
    blocks,
    block: (markdown: string, html: string) => {
      blocks.push({ markdown, html });
      return `[[block:${blocks.length - 1}]]`;
    },
  };
}

export function chartCollector() {
  const charts: string[] = [];
  return {
    charts,
    chart: (svg: string) => {
      charts.push(svg);
      return `[[chart:${charts.length - 1}]]`;
    },
  };
}

/** Evenly spaced items, first and last included; all of them when there are few. */
export function downsample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(Math.round((i * (items.length - 1)) / (max - 1)));
  return [...picked].sort((a, b) => a - b).map((i) => items[i]!);
}

export { benchmarksIndexUrl, historySlug, scorecardUrl, viewUrls } from './view-urls.ts';

const common = { status: 'published', owner: 'kb-maintainers' };

/**
 * Mean time per operation over the runs, when the tool reports no aggregate
 * (hyperfine or pytest-benchmark comparing several commands): up to five operations.
 */
function operationTrend(suite: string, runs: readonly Run[], links: string[]): string[] {
  if (runs.length < 2 || runs.some((r) => measure(r, 'aggregate', 'mean') !== undefined)) return [];
  const names = [...new Set(runs.flatMap((r) => r.operations.map((o) => o.name)))].slice(0, 5);
  const series = names.map((name) => ({
    name,
    values: runs.map((r) => measure(r, name, 'mean')?.value ?? measure(r, name, 'p50')?.value),
  }));
  if (!series.some((x) => x.values.some((v) => v !== undefined))) return [];
  return [
    lineChart({
      title: `Mean time per operation: ${suite}`,
      unit: 'ms',
      yTitle: 'mean',
      xTitle: 'run',
      xLabels: runs.map((r) => `${runDate(r)}${r.labels.label ? ` ${r.labels.label}` : ''}`),
      series,
      logY: true,
      links,
    }),
  ];
}

function historyView(suite: string, runs: readonly Run[], config: SloConfig, hasScale: boolean): BenchmarkView {
  const { charts, chart } = chartCollector();
  const targets = config.targets.filter((t) => targetApplies(t, suite));
  const labels = [...new Set(runs.map((r) => r.labels.label ?? ''))].sort((a, b) => {
    const la = runs.find((r) => (r.labels.label ?? '') === a)?.labels.loadMultiple ?? Number.POSITIVE_INFINITY;
    const lb = runs.find((r) => (r.labels.label ?? '') === b)?.labels.loadMultiple ?? Number.POSITIVE_INFINITY;
    return la - lb || a.localeCompare(b);
  });
  const first = runs[0]!;
  const last = runs.at(-1)!;
  const example = runs.some((r) => r.labels.example);
  const description = `${example ? 'Example: ' : ''}${runs.length} run${runs.length === 1 ? '' : 's'} of suite ${suite} from ${runDate(first)} to ${runDate(last)}${labels.some(Boolean) ? `, labels ${labels.filter(Boolean).join(', ')}` : ''}.`;
  const agg = (r: Run, m: string) => measure(r, 'aggregate', m)?.value;
  const sections = labels.map((label) => {
    const series = runs.filter((r) => (r.labels.label ?? '') === label);
    const shown = downsample(series, historyPointsPerLabel(labels.length));
    const links = shown.map((r) => reportUrl(runReportSlug(r)));
    const trend = [...trendCharts(shown, targets, links), ...operationTrend(suite, shown, links)];
    const note =
      shown.length < series.length
        ? `The charts show ${shown.length} of ${series.length} runs, evenly spaced (first and last included); the table lists every run.`
        : '';
    const rows = [...series].reverse().map((r) => {
      const verdicts = judgeRun(config.targets, r);
      const pass = verdicts.filter((v) => v.verdict === 'pass').length;
      const fail = verdicts.filter((v) => v.verdict === 'fail').length;
      return [
        runDate(r),
        linkCell(r.id, reportUrl(runReportSlug(r))),
        `${r.tool.name}${r.labels.baseline ? ' (baseline)' : ''}`,
        cellNumber(agg(r, 'mean')),
        cellNumber(agg(r, 'p95')),
        cellNumber(agg(r, 'p99')),
        cellNumber(agg(r, 'throughput')),
        cellPercent(agg(r, 'errorRate')),
        verdicts.length ? `${pass} pass, ${fail} fail` : '—',
      ];
    });
    const header = [
      'date',
      'run',
      'tool',
      'mean (ms)',
      'p95 (ms)',
      'p99 (ms)',
      'throughput (rps)',
      'error rate',
      'SLO',
    ];
    const align: ('l' | 'r')[] = ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'];
    const runsTable = table(header, rows, align);
    const heading = label ? `Label ${escapeInline(label)}` : 'Runs';
    return [
      `## ${heading}`,
      `${series.length} run${series.length === 1 ? '' : 's'}, ${runDate(series[0]!)} to ${runDate(series.at(-1)!)}. Each point of a chart links to its run's report.`,
      ...trend.map(chart),
      note,
      folded(`Every run (${series.length})`, runsTable),
    ]
      .filter(Boolean)
      .join('\n\n');
  });
  const links = [
    hasScale ? `[Scale test of ${escapeInline(suite)}](${reportUrl(scaleReportSlug(suite))})` : '',
    `[Every suite](${benchmarksIndexUrl})`,
    `[SLO scorecard](${scorecardUrl})`,
  ].filter(Boolean);
  // Summary first (issue 18): the newest run judged against its targets and its window, the suite's trend.
  const summary = renderSummary(summarizeHistory([buildRunView(last, runs, config)]), { chart });
  // The verdict strip opens the page, in the first screen even on a phone; the rest follows.
  const body = [
    summary,
    exampleQuote(last),
    escapeInline(description),
    `Latest run: [${escapeInline(runTitle(last))}](${reportUrl(runReportSlug(last))}). See also: ${links.join(' · ')}.`,
    ...sections,
  ]
    .filter(Boolean)
    .join('\n\n');
  const slug = historySlug(suite);
  return {
    url: reportUrl(slug),
    source: `reports/${slug}.md`,
    section: 'reports',
    frontMatter: {
      title: `${suite}: benchmark history`,
      ...common,
      kind: 'benchmark-history',
      date: runDate(last),
      suite,
      tags: [...new Set(['benchmark', 'history', suite, ...(example ? ['example'] : [])])],
      description,
    },
    body: `${body}\n`,
    charts,
  };
}

function scaleView(suite: string, series: readonly Run[], config: SloConfig): BenchmarkView {
  const { charts, chart } = chartCollector();
  const { frontMatter, body } = renderScalePage(suite, series, config, chart);
  const slug = scaleReportSlug(suite);
  return {
    url: reportUrl(slug),
    source: `reports/${slug}.md`,
    section: 'reports',
    frontMatter: frontMatter as BenchmarkView['frontMatter'],
    body: `${body.replace('{/* truncate */}\n\n', '')}\nHistory of every run: [${escapeInline(suite)}: benchmark history](${reportUrl(historySlug(suite))}).\n`,
    charts,
  };
}

function baselineView(week: number, runs: readonly Run[], all: readonly Run[], config: SloConfig): BenchmarkView {
  const { charts, chart } = chartCollector();
  const views = runs.map((r) => buildRunView(r, all, config));
  const verdicts = views.flatMap((v) => v.verdicts);
  const suites = [...new Set(runs.map((r) => r.suite))];
  const description = `Week ${week} performance baseline measured on this machine: ${suites.join(', ')} (${verdicts.filter((v) => v.verdict === 'pass').length} SLO pass, ${verdicts.filter((v) => v.verdict === 'fail').length} fail).`;
  const intro = `${escapeInline(description)}\n\nThese are the first real measurements of the programme: the knowledge base's own build, CLI and page load, taken with the tools named below and ingested with \`kb ingest --baseline --week ${week}\`. Later runs of the same suites are compared against them.\n\n**Historical record, dated ${humanDate(runDate(runs.at(-1)!))}.** This page keeps the week ${week} figures; it is not today's state: the [SLO scorecard](/docs/slos/scorecard) shows the latest runs.`;
  // One summary of every run first (issue 18); each run's tables folded below it.
  const summary = summarizeRuns(views);
  summary.chart = targetShareChart(
    summary.verdicts,
    `Week ${week} baseline: each SLO target, measured as % of its value`,
  );
  const sections = views.map(
    (v) =>
      `## ${escapeInline(runTitle(v.run))}\n\nFull report: [${escapeInline(v.run.id)}](${reportUrl(runReportSlug(v.run))}).\n\n${renderRunBody(v, 3, { summary: false, chart })}`,
  );
  const slug = baselineReportSlug(week);
  return {
    url: reportUrl(slug),
    source: `reports/${slug}.md`,
    section: 'reports',
    frontMatter: {
      title: `Week ${week} performance baseline: the knowledge base itself`,
      ...common,
      kind: 'performance-baseline-report',
      date: runDate(runs.at(-1)!),
      week,
      suite: suites.join(', '),
      tags: ['performance-baseline', `week-${week}`, ...suites],
      description,
      'slo-verdicts': verdictFrontMatter(verdicts),
    },
    body: `${renderSummary(summary, { chart })}\n\n${intro}\n\n${sections.join('\n\n')}\n`,
    charts,
  };
}

function scorecardView(runs: readonly Run[], config: SloConfig): BenchmarkView {
  const { frontMatter, body } = renderScorecard(buildScorecard(config.targets, runs));
  return {
    url: scorecardUrl,
    source: 'docs/slos/scorecard.md',
    section: 'docs',
    frontMatter: frontMatter as BenchmarkView['frontMatter'],
    body,
    charts: [],
  };
}

function indexView(suites: { suite: string; runs: Run[]; scale: boolean }[]): BenchmarkView {
  const total = suites.reduce((n, s) => n + s.runs.length, 0);
  const description = `${suites.length} benchmark suite${suites.length === 1 ? '' : 's'}, ${total} stored run${total === 1 ? '' : 's'}: the history of each, its scale test and the SLO scorecard.`;
  const rows = suites.map(({ suite, runs, scale }) => {
    const last = runs.at(-1)!;
    return [
      linkCell(suite, reportUrl(historySlug(suite))),
      String(runs.length),
      [...new Set(runs.map((r) => r.tool.name))].join(', '),
      `${runDate(runs[0]!)} – ${runDate(last)}`,
      linkCell(runDate(last), reportUrl(runReportSlug(last))),
      scale ? linkCell('scale test', reportUrl(scaleReportSlug(suite))) : '—',
      last.labels.example ? 'example data' : '',
    ];
  });
  const body = [
    escapeInline(description),
    `Built from \`benchmarks/\` with the site: every \`kb ingest\` adds one run and its own report page, and these views follow. The [SLO scorecard](${scorecardUrl}) holds the latest verdict of every target.`,
    rows.length
      ? table(['suite', 'runs', 'tools', 'period', 'latest run', 'scale test', 'note'], rows, [
          'l',
          'r',
          'l',
          'l',
          'l',
          'l',
          'l',
        ])
      : 'No run is stored yet: `kb ingest results.json --suite api` stores the first.',
  ].join('\n\n');
  return {
    url: benchmarksIndexUrl,
    source: 'reports/benchmarks.md',
    section: 'reports',
    frontMatter: {
      title: 'Benchmark suites',
      ...common,
      kind: 'benchmark-index',
      date: suites
        .map((s) => runDate(s.runs.at(-1)!))
        .sort()
        .at(-1),
      tags: ['benchmark', 'history'],
      description,
    },
    body: `${body}\n`,
    charts: [],
  };
}

/** Every view from every stored run. Pure and deterministic (runs in any order). */
export function planViews(unsorted: readonly Run[], config: SloConfig): BenchmarkView[] {
  const runs = sortRuns(unsorted);
  const bySuite = new Map<string, Run[]>();
  for (const r of runs) bySuite.set(r.suite, [...(bySuite.get(r.suite) ?? []), r]);
  const suites = [...bySuite.keys()].sort().map((suite) => {
    const suiteRuns = bySuite.get(suite)!;
    return { suite, runs: suiteRuns, series: scaleSeries(suite, suiteRuns) };
  });
  const views: BenchmarkView[] = [
    tabled(() => indexView(suites.map((s) => ({ suite: s.suite, runs: s.runs, scale: s.series.length > 0 })))),
  ];
  for (const s of suites) {
    views.push(tabled(() => historyView(s.suite, s.runs, config, s.series.length > 0)));
    if (s.series.length) views.push(tabled(() => scaleView(s.suite, s.series, config)));
  }
  for (const [week, weekRuns] of [...baselineRunsByWeek(runs)].sort(([a], [b]) => a - b)) {
    const context = weekRuns.flatMap((r) => bySuite.get(r.suite) ?? []);
    views.push(tabled(() => baselineView(week, weekRuns, [...new Set(context)], config)));
  }
  views.push(tabled(() => scorecardView(runs, config)));
  return views;
}

/**
 * A view with every table it renders kept as a pre-rendered block (withTableBlocks): viewHtml then sends only
 * the prose through remark. GFM tables were most of remark's time: the index view (one 21-row table) took
 * 146 ms and a weekly baseline 143 ms of viewHtml, cold, with 10,000 stored runs (bench:history).
 */
function tabled(build: () => BenchmarkView): BenchmarkView {
  const { blocks, block } = blockCollector();
  const view = withTableBlocks(block, build);
  return blocks.length ? { ...view, blocks } : view;
}

/** Reads `slo-targets.yaml` and `benchmarks/` under `root` and plans every view. */
export async function loadViews(root: string): Promise<BenchmarkView[]> {
  const [{ config }, runs] = await Promise.all([loadSloTargets(root), loadRuns(root)]);
  return planViews(runs, config);
}

function chartTitle(svg: string): string {
  return /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? 'chart';
}

/** The view as plain Markdown: each chart becomes a line naming it (the tables hold the numbers). */
export function viewMarkdown(view: BenchmarkView): string {
  return inlineBlocks(view).replace(
    chartSlot,
    (_, i: string) => `*Chart: ${chartTitle(view.charts[Number(i)] ?? '')}*`,
  );
}

/** The view's body with each block's Markdown in place of its slot (chart slots kept). */
function inlineBlocks(view: BenchmarkView): string {
  return view.body.replace(blockSlot, (_, i: string) => view.blocks?.[Number(i)]?.markdown ?? '');
}

/**
 * Raw HTML in a view's Markdown comes only from the renderers (report summary wrappers, verdict chips and
 * folds, see render-summary.ts): tool and user text is escaped by escapeInline, so a `<` of theirs is never
 * raw. Still, only those few tags pass; any other raw HTML is dropped. JSX's `className` becomes `class`, and
 * the Markdown escapes inside a fold's `<summary>` (an HTML block, where Markdown does not apply) are undone.
 */
const ownTag = /^<\/?(?:div|details|summary|span)(?: className="[\w -]+")?>$/;
/** True when every tag in `html` is one of the renderers' own (text between tags is free). Linear: no backtracking. */
function onlyOwnTags(html: string): boolean {
  return (html.match(/<[^>]*>?/g) ?? []).every((tag) => ownTag.test(tag));
}
function ownRawHtml() {
  return (tree: import('hast').Root) => {
    visit(tree, 'raw', (raw) => {
      const node = raw as unknown as { value: string };
      if (!onlyOwnTags(node.value)) {
        node.value = '';
        return;
      }
      node.value = node.value
        .replace(/className="/g, 'class="')
        .replace(
          /<summary>([^<]*)<\/summary>/g,
          (_: string, text: string) => `<summary>${text.replace(/\\(.)/g, '$1')}</summary>`,
        );
    });
  };
}

/**
 * GFM turns any URL-like text into a link after parsing, from the decoded text, so a tool's operation named
 * `http://host/path` became a link even though escapeInline had escaped it. The renderers write every link they
 * mean as `[text](url)`; a link whose text is its own address (or that address without `http://` / `mailto:`)
 * came from text and is turned back into text.
 */
function noLiteralLinks() {
  return (tree: import('hast').Root) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'a' || parent === undefined || index === undefined) return;
      const href = String(node.properties?.href ?? '');
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type !== 'text') return;
      if (![only.value, `http://${only.value}`, `mailto:${only.value}`].includes(href)) return;
      parent.children.splice(index, 1, only);
    });
  };
}

/** Markdown to HTML through remark and rehype, with or without GFM's syntax (see toHtml). */
function htmlProcessor(gfm: boolean) {
  const parse = gfm ? unified().use(remarkParse).use(remarkGfm) : unified().use(remarkParse);
  return parse
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(ownRawHtml)
    .use(noLiteralLinks)
    .use(rehypeStringify, { allowDangerousHtml: true })
    .freeze();
}
/** Each made on first use: `kb ingest` renders one run page and needs only one of them. */
const processors: Partial<Record<'gfm' | 'plain', ReturnType<typeof htmlProcessor>>> = {};

/**
 * Characters without which GFM's syntax cannot occur: tables need `|`, strikethrough `~`, footnotes `[^`, task
 * list items `[ ]` or `[x]`. GFM's other addition, links made from URL-like text, is undone by noLiteralLinks.
 */
const gfmSyntax = /[|~]|\[\^|\[[ xX]\]/;

/**
 * Markdown to HTML, with GFM only where the text could hold its syntax: its extensions cost micromark time at
 * every character, and a view's prose is written with its tables already rendered, as blocks (the 51 views of
 * bench:history's KB: 418 ms with GFM, 331 ms without). Same HTML either way (views.test.ts).
 */
function toHtml(markdown: string): string {
  const kind = gfmSyntax.test(markdown) ? 'gfm' : 'plain';
  processors[kind] ??= htmlProcessor(kind === 'gfm');
  return String(processors[kind].processSync(markdown));
}

/**
 * The view's body as HTML: Markdown through remark/rehype (only the renderers' own wrapper tags pass as raw
 * HTML, so tool text can never inject markup), then each chart slot replaced by its SVG, drawn by svg.ts with
 * every label escaped.
 */
export function viewHtml(view: BenchmarkView): string {
  const html = withSlots(toHtml(view.body), view);
  if (!/\[\[block:\d+\]\]/.test(html)) return html;
  // A block slot that did not stand alone as a paragraph (a table inside a list item, say): the view is
  // rendered again with its tables as Markdown, which is slower but never shows a slot.
  return withSlots(toHtml(inlineBlocks(view)), view);
}

/**
 * The view's HTML with its charts and blocks in their slots. The charts' stylesheet stays in the first chart
 * only: a `<style>` applies to the whole page, and the copies were 42 MB of the 504 MB of run pages that a
 * 10,000-run history writes into every build (bench:history; a k6 run page has eleven charts).
 */
function withSlots(html: string, view: BenchmarkView): string {
  let styled = false;
  return html
    .replace(/<p>\[\[chart:(\d+)\]\]<\/p>/g, (_, i: string) => {
      const svg = view.charts[Number(i)];
      if (!svg) return '';
      const chart = styled ? svg.replace(CHART_STYLE, '') : svg;
      styled ||= svg.includes(CHART_STYLE);
      return `<div class="kb-report-chart">${chart}</div>`;
    })
    .replace(/<p>\[\[block:(\d+)\]\]<\/p>/g, (_, i: string) => view.blocks?.[Number(i)]?.html ?? '');
}
