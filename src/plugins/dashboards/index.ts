/**
 * dashboards: the programme's deliverables tracker, review freshness and
 * decision log, computed from the documents at build time. Only wiring lives
 * here; the builders are pure functions in model.ts.
 *
 * Documents are read in loadContent; the pages are added in allContentLoaded
 * because only then are the URLs Docusaurus gave every document known, and a
 * dashboard links only to pages that exist (onBrokenLinks: 'throw').
 */
import type { LoadContext, Plugin } from '@docusaurus/types';
import { loadDocuments, type LoadedDocuments } from '../../../scripts/core/documents.ts';
import { storedRunsFromContent, viewDocuments, viewPagesFromContent } from '../../../scripts/ai/benchmark-views.ts';
import { routedPagesFromContent } from '../../../scripts/ai/site-content.ts';
import { requireProjectModule } from '../load-ts.ts';
import { dashboardRoutes, type PluginOptions } from './options.ts';
import type { DashboardsIndexData } from './types.ts';

export { validateOptions } from './options.ts';

type Model = typeof import('./model.ts');
type Run = import('../../../scripts/ingest/run-schema.ts').Run;
type WeekLoad = typeof import('../../../scripts/week/load.ts');
type WeekFactsModule = typeof import('../../../scripts/week/facts.ts');

/** The model imports the catalog (zod): loaded outside jiti, see load-ts.ts. */
const loadModule = <T>(siteDir: string, file: string): T => requireProjectModule<T>(siteDir, file);
const loadModel = (siteDir: string) => loadModule<Model>(siteDir, 'src/plugins/dashboards/model.ts');

const component = (name: string) => `@site/src/components/${name}/index.tsx`;

export default function dashboardsPlugin(context: LoadContext, options: PluginOptions): Plugin<LoadedDocuments> {
  let loaded: LoadedDocuments = { documents: [], problems: [] };
  return {
    name: 'dashboards',
    async loadContent() {
      loaded = await loadDocuments(context.siteDir);
      // allContentLoaded's modules, loaded now: with 10,000 stored runs the build waits here for benchmark-views'
      // thread, and allContentLoaded comes after it, on the build's critical path.
      loadModel(context.siteDir);
      loadModule<WeekLoad>(context.siteDir, 'scripts/week/load.ts');
      loadModule<WeekFactsModule>(context.siteDir, 'scripts/week/facts.ts');
      return loaded;
    },
    async allContentLoaded({ allContent, actions }) {
      const now = options.asOf ? new Date(`${options.asOf}T00:00:00Z`) : new Date();
      const urls = new Map(
        routedPagesFromContent(allContent, context.siteConfig.trailingSlash)
          .filter((p) => p.isCurrent && !p.unlisted)
          .map((p) => [p.source, p.url]),
      );
      const { buildDecisions, buildDeliverables, buildFreshness } = loadModel(context.siteDir);
      // The benchmark views built from benchmarks/ (a week's performance baseline, scale tests) count as
      // deliverables too, though they have no file (src/plugins/benchmark-views).
      const views = viewDocuments(viewPagesFromContent(allContent));
      for (const r of views.routes) urls.set(r.source, r.url);
      const documents = [...loaded.documents, ...views.sources.map((v) => ({ ...v, frontMatterLines: 0 }))];
      const routes = dashboardRoutes(options.routeBasePath);
      const deliverables = buildDeliverables(documents, urls, now);
      const freshness = buildFreshness(documents, urls, now, options.dueSoonDays);
      const decisions = buildDecisions(documents, urls, now);
      // Week by week: the same facts as `kb week N` and kb mcp's week_summary.
      const { loadWeekSources } = loadModule<WeekLoad>(context.siteDir, 'scripts/week/load.ts');
      const { weekFacts } = loadModule<WeekFactsModule>(context.siteDir, 'scripts/week/facts.ts');
      // The stored runs as benchmark-views read them (10,000 runs: not read twice), else read here.
      const storedRuns = storedRunsFromContent(allContent) as Run[] | undefined;
      const sources = await loadWeekSources(context.siteDir, { documents: loaded.documents, runs: storedRuns });
      const weekList = Array.from({ length: 12 }, (_, i) =>
        weekFacts({ ...sources, documents, urls, week: i + 1, now }),
      );
      const index: DashboardsIndexData = {
        asOf: deliverables.asOf,
        routes: { deliverables: routes.deliverables, freshness: routes.freshness, decisions: routes.decisions },
        deliverables: {
          published: deliverables.published,
          inProgress: deliverables.inProgress,
          total: deliverables.total,
        },
        freshness: { overdue: freshness.overdue, dueSoon: freshness.dueSoon, total: freshness.total },
        decisions: {
          total: decisions.records.length,
          accepted: decisions.totals.accepted,
          proposed: decisions.totals.proposed,
        },
      };
      const pages: [string, string, unknown][] = [
        [routes.index, 'DashboardIndex', index],
        [routes.deliverables, 'DashboardDeliverables', deliverables],
        [routes.freshness, 'DashboardFreshness', freshness],
        [routes.decisions, 'DashboardDecisions', decisions],
        [routes.weeks, 'DashboardWeeks', { asOf: deliverables.asOf, planStart: sources.planStart, weeks: weekList }],
      ];
      for (const [routePath, name, data] of pages) {
        const dataPath = await actions.createData(`${name.toLowerCase()}.json`, JSON.stringify(data));
        actions.addRoute({
          path: `${context.baseUrl.replace(/\/$/, '')}${routePath}`,
          component: component(name),
          exact: true,
          modules: { data: dataPath },
        });
      }
    },
  };
}
