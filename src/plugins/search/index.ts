/**
 * search: after every production build, indexes the main content of the docs,
 * runbooks, ADR and report pages with Pagefind into `<outDir>/pagefind/`, with
 * a section and a version filter per page. The navbar box
 * (src/theme/SearchBar) and the /search page (src/pages/search.tsx) load it
 * on demand. `npm start` has no index; the box says so. Only wiring lives
 * here: the rules are in model.ts, the Pagefind run in build-index.ts.
 */
import type { LoadContext, Plugin } from '@docusaurus/types';
import { runPagesFromContent, viewPagesFromContent } from '../../../scripts/ai/benchmark-views.ts';
import { PART_INDEX_DIR, partsOfBuild } from '../parts/model.ts';
import { buildSearchIndex, INDEX_DIR, type SearchableRun } from './build-index.ts';
import type { PluginOptions } from './options.ts';

export { validateOptions } from './options.ts';

interface DocsContent {
  loadedVersions?: { versionName: string }[];
}

/**
 * What search finds stored runs by: one record per suite, at its history page (which lists every run),
 * holding the suite's name, tools and every run id. A record per run would add one index file per run to
 * the build (10,000 runs: 10,000 files and seconds of writing); searching a run id from a CI log still
 * lands on the page that links it.
 */
export function searchableRuns(allContent: unknown): SearchableRun[] {
  const bySuite = new Map<string, { ids: string[]; tags: Set<string> }>();
  for (const { frontMatter } of runPagesFromContent(allContent)) {
    const suite = String(frontMatter.suite);
    const entry = bySuite.get(suite) ?? { ids: [], tags: new Set<string>() };
    entry.ids.push(String(frontMatter.run));
    for (const t of Array.isArray(frontMatter.tags) ? frontMatter.tags : []) entry.tags.add(String(t));
    bySuite.set(suite, entry);
  }
  return viewPagesFromContent(allContent).flatMap((v) => {
    const suite = typeof v.frontMatter.suite === 'string' ? v.frontMatter.suite : undefined;
    const runs = v.frontMatter.kind === 'benchmark-history' && suite ? bySuite.get(suite) : undefined;
    if (!runs) return [];
    return [
      {
        url: v.url,
        title: String(v.frontMatter.title ?? suite),
        description: String(v.frontMatter.description ?? ''),
        words: [...runs.tags, ...runs.ids],
      },
    ];
  });
}

/** The version names of each docs plugin instance, from the loaded content. */
export function docsVersions(allContent: unknown): Map<string, string[]> {
  const instances =
    (allContent as Record<string, Record<string, DocsContent> | undefined>)['docusaurus-plugin-content-docs'] ?? {};
  return new Map(
    Object.entries(instances).map(([id, content]) => [id, (content.loadedVersions ?? []).map((v) => v.versionName)]),
  );
}

export default function searchPlugin(context: LoadContext, options: PluginOptions): Plugin {
  let versionsById = new Map<string, string[]>();
  let runs: SearchableRun[] = [];
  return {
    name: 'search',
    allContentLoaded({ allContent }) {
      versionsById = docsVersions(allContent);
      runs = searchableRuns(allContent);
    },
    async postBuild({ outDir, siteConfig }) {
      if (!options.enabled) return;
      const started = Date.now();
      const versionedDocs = [...versionsById]
        .filter(([, versions]) => versions.some((v) => v !== 'current'))
        .map(([id]) => id);
      const versions = [...new Set([...versionsById.values()].flat())];
      // A part build (src/plugins/parts) indexes its own pages (the only ones in outDir) and runs; the home
      // part's index is the primary one, the others go to pagefind/parts/<name>/ and are merged in the browser.
      const part = partsOfBuild(siteConfig);
      const base = siteConfig.baseUrl.replace(/\/$/, '');
      const indexDir = part.current && !part.isHome ? `${PART_INDEX_DIR}/${part.current}` : INDEX_DIR;
      const summary = await buildSearchIndex(outDir, {
        indexDir,
        emptyIsFine: Boolean(part.current) && !part.isHome,
        labels: { docs: options.docs, blog: options.blog },
        siteTitle: siteConfig.title,
        versions: versions.length > 0 ? versions : ['current'],
        versionedDocs,
        language: context.i18n.currentLocale,
        siteDir: context.siteDir,
        runs: runs.filter((run) => part.owns(`${base}${run.url}`)),
      });
      if (summary.pages === 0) {
        console.log(`[search] part ${part.current}: no searchable page, no index`);
        return;
      }
      const order = [...Object.values(options.docs), ...Object.values(options.blog)];
      const sections = order
        .filter((s) => summary.bySection[s])
        .map((s) => `${summary.bySection[s]} ${s}`)
        .join(', ');
      console.log(
        `[search] indexed ${summary.pages} pages (${sections}) into ${indexDir}/: ${summary.files} files, ${(summary.bytes / 1024).toFixed(0)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  };
}
