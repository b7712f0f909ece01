/**
 * benchmark-views: the benchmark pages that change as history grows — each
 * suite's history with its trends, scale tests, weekly performance baselines,
 * the SLO scorecard and the index of suites — built from `benchmarks/` at
 * build time, so `kb ingest` only ever adds a run and its own page. Only
 * wiring lives here; the views are computed by scripts/report/views.ts (the
 * same module `kb mcp` and the AI outputs read), charts are inline SVG drawn
 * on the server.
 */
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { partsOfBuild } from '../parts/model.ts';
import {
  type LoadedRunPage,
  loadRunPageEntries,
  RUN_ROUTE_PARAM,
  type RunPageEntry,
  fillViewPages,
  readRunArticle,
  writeRunPages,
} from './run-pages.ts';
import { RUN_PAGES_DIR } from '../../../scripts/report/run-page-format.ts';
import { renderViewsInThread, takeEarlyViews, type ThreadViews } from './views-thread.ts';
import { type BenchmarkViewData, type RecentRuns, VIEW_ARTICLE_TOKEN } from './types.ts';

export interface BenchmarkViewsContent {
  /** Every view with its page data: the ai-readable plugin mirrors them from allContent. */
  views: (BenchmarkViewData & { source: string; section: string; frontMatter: Record<string, unknown> })[];
  /**
   * Every stored run page, newest first, without its article: each article is read when its page is
   * written (Docusaurus hands allContent to other plugins, and `npm start`'s debug plugin serializes all
   * of it; 10,000 articles are 590 MB).
   */
  runs: RunPageEntry[];
  /** The stored runs (benchmarks/), read once here: the dashboards' weekly facts use them too. */
  storedRuns: unknown[];
}

export interface BenchmarkViewsOptions {
  /**
   * `frame` (default): every run page is written after the build into the frame of one route (run-pages.ts).
   * `routes`: each run page is a route of its own, as any page: the switch-off should a Docusaurus upgrade
   * stop rendering the frame (the build then fails, naming this option); slow beyond a few hundred runs.
   */
  runPages?: 'frame' | 'routes';
}

/** Runs the reports index lists by name (the rest are a link away, on each suite's history). */
const RECENT_TEAM_RUNS = 20;

/** The newest team runs, and the newest run of each example suite, for the reports index. */
function recentRuns(runs: readonly RunPageEntry[]): RecentRuns {
  const isExample = (r: RunPageEntry) => r.frontMatter.tags.includes('example');
  const team = runs.filter((r) => !isExample(r));
  const exampleSuites = new Set<string>();
  const examples = runs.filter((r) => {
    if (!isExample(r) || exampleSuites.has(r.frontMatter.suite)) return false;
    exampleSuites.add(r.frontMatter.suite);
    return true;
  });
  const row = (r: RunPageEntry) => ({
    permalink: r.url,
    title: r.frontMatter.title,
    date: r.frontMatter.date,
    suite: r.frontMatter.suite,
    run: r.frontMatter.run,
    tags: r.frontMatter.tags,
    verdicts: Array.isArray(r.frontMatter['slo-verdicts'])
      ? (r.frontMatter['slo-verdicts'] as { verdict?: string }[]).map((v) => ({ verdict: v.verdict }))
      : [],
  });
  return {
    team: team.slice(0, RECENT_TEAM_RUNS).map(row),
    teamTotal: team.length,
    examples: examples.map(row),
    exampleTotal: runs.length - team.length,
  };
}

export default function benchmarkViewsPlugin(
  context: LoadContext,
  options: BenchmarkViewsOptions = {},
): Plugin<BenchmarkViewsContent> {
  const mode = options.runPages ?? 'frame';
  const base = context.baseUrl.replace(/\/$/, '');
  /** KB_RUN_PAGES=routes: each run page an ordinary route, its article in the route data. */
  const withArticles = (runs: readonly RunPageEntry[]): LoadedRunPage[] =>
    runs.map((run) => ({ ...run, article: readRunArticle(context.siteDir, run) }));
  /**
   * Views whose body goes into the built page after the build (VIEW_ARTICLE_TOKEN, types.ts): the suite
   * histories, hundreds of KB each. A production build only (`npm start` has no postBuild), in frame mode.
   */
  const framing = mode === 'frame' && process.env.NODE_ENV === 'production';
  const isFramed = (view: { kind: string }) => framing && view.kind === 'benchmark-history';
  /**
   * The views, rendered in a thread since the site config was evaluated (`docusaurus build`: renderViewsEarly)
   * or from the moment the plugin is made: see views-thread.ts.
   */
  let early: Promise<ThreadViews> | undefined = takeEarlyViews(context.siteDir) ?? renderViewsInThread(context.siteDir);
  // Awaited by loadContent, which reports its failure; a command that never loads content drops it.
  early.catch(() => {});
  return {
    name: 'benchmark-views',
    getPathsToWatch() {
      return [path.join(context.siteDir, RUN_PAGES_DIR, '*.html')];
    },
    configureWebpack() {
      // `npm start` builds no pages: the dev server serves the stored run pages, which RunPage fetches.
      return {
        devServer: {
          static: [
            { directory: path.join(context.siteDir, RUN_PAGES_DIR), publicPath: `${base}/__kb/runs/`, watch: false },
          ],
        },
      } as never;
    },
    async loadContent() {
      // Started when the plugin was made (the thread gets the plugins' init time as a head start), else now:
      // `npm start` loads the content again on every change.
      const job = early ?? renderViewsInThread(context.siteDir);
      early = undefined;
      // A bad stored run or slo-targets.yaml fails with its one line (views-thread.ts).
      const [{ storedRuns, views }, runs] = await Promise.all([job, loadRunPageEntries(context.siteDir)]);
      return { runs, storedRuns, views };
    },
    async contentLoaded({ content, actions }) {
      actions.setGlobalData(recentRuns(content.runs));
      if (content.runs.length > 0 && mode === 'frame')
        actions.addRoute({
          path: `${base}/${RUN_PAGES_DIR}/${RUN_ROUTE_PARAM}`,
          component: '@site/src/components/RunPage/index.tsx',
          // Not exact: Docusaurus's broken-link check skips matching exact routes whose own path was rendered
          // (an optimisation for static paths), so `/reports/runs/<id>` links would be reported broken.
          exact: false,
        });
      if (mode === 'routes')
        for (const [i, run] of withArticles(content.runs).entries()) {
          const data = {
            id: run.frontMatter.run,
            title: run.frontMatter.title,
            description: run.frontMatter.description,
            html: new TextDecoder().decode(run.article),
          };
          actions.addRoute({
            path: `${base}${run.url}`,
            component: '@site/src/components/RunPage/index.tsx',
            exact: true,
            modules: { data: await actions.createData(`run-${i}.json`, JSON.stringify(data)) },
          });
        }
      for (const [i, view] of content.views.entries()) {
        const data: BenchmarkViewData = {
          url: view.url,
          title: view.title,
          description: view.description,
          kind: view.kind,
          date: view.date,
          html: isFramed(view) ? VIEW_ARTICLE_TOKEN : view.html,
        };
        const dataPath = await actions.createData(`view-${i}.json`, JSON.stringify(data));
        actions.addRoute({
          path: `${base}${view.url}`,
          component: '@site/src/components/BenchmarkView/index.tsx',
          exact: true,
          modules: { data: dataPath },
        });
      }
    },
    async postBuild({ outDir, content }) {
      if (mode !== 'frame' || !content) return;
      // In a part build (src/plugins/parts), the part that owns each page's URL writes it.
      const { owns } = partsOfBuild(context.siteConfig);
      const framed = content.views.filter((view) => isFramed(view) && owns(`${base}${view.url}`));
      if (framed.length > 0) fillViewPages(outDir, framed, VIEW_ARTICLE_TOKEN);
      const runs = content.runs.filter((run) => owns(`${base}${run.url}`));
      if (runs.length === 0) return;
      const started = Date.now();
      const written = await writeRunPages(outDir, context.siteDir, runs);
      console.log(
        `[benchmark-views] ${written} run pages written into the site's frame in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  };
}
