/**
 * benchmark-views: the benchmark pages that change as history grows — each
 * suite's history with its trends, scale tests, weekly performance baselines,
 * the SLO scorecard and the index of suites — built from `benchmarks/` at
 * build time, so `kb ingest` only ever adds a run and its own page. Only
 * wiring lives here; the views are computed by scripts/report/views.ts (the
 * same module `kb mcp` and the AI outputs read), charts are inline SVG drawn
 * on the server.
 */
import type { LoadContext, Plugin } from '@docusaurus/types';
import { requireProjectModule } from '../load-ts.ts';
import type { BenchmarkViewData } from './types.ts';

type Views = typeof import('../../../scripts/report/views.ts');

export interface BenchmarkViewsContent {
  /** Every view with its page data: the ai-readable plugin mirrors them from allContent. */
  views: (BenchmarkViewData & { source: string; section: string; frontMatter: Record<string, unknown> })[];
}

export default function benchmarkViewsPlugin(context: LoadContext): Plugin<BenchmarkViewsContent> {
  return {
    name: 'benchmark-views',
    async loadContent() {
      // views.ts reads slo-targets.yaml through zod: loaded outside jiti (see load-ts.ts).
      const { loadViews, viewHtml, viewMarkdown } = requireProjectModule<Views>(
        context.siteDir,
        'scripts/report/views.ts',
      );
      const views = await loadViews(context.siteDir).catch((error: unknown) => {
        // A knowledge base without slo-targets.yaml has nothing to judge: no views, the rest builds.
        if ((error as { code?: string }).code === 'NOT_FOUND') return [];
        throw error;
      });
      return {
        views: views.map((v) => ({
          url: v.url,
          source: v.source,
          section: v.section,
          frontMatter: v.frontMatter,
          title: v.frontMatter.title,
          description: v.frontMatter.description,
          kind: v.frontMatter.kind,
          date: typeof v.frontMatter.date === 'string' ? v.frontMatter.date : undefined,
          html: viewHtml(v),
          markdown: viewMarkdown(v),
        })),
      };
    },
    async contentLoaded({ content, actions }) {
      const base = context.baseUrl.replace(/\/$/, '');
      for (const [i, view] of content.views.entries()) {
        const data: BenchmarkViewData = {
          url: view.url,
          title: view.title,
          description: view.description,
          kind: view.kind,
          date: view.date,
          html: view.html,
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
  };
}
