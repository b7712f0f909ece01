/**
 * adr-index: the ADR index page's data (status, tags, dates, supersedes and
 * links, a Mermaid graph), built from the records' front matter at build
 * time. Only wiring lives here; builders are in model.ts, the banner on
 * superseded/deprecated records in remark-banner.ts.
 *
 * Records are read in loadContent; the data is written in allContentLoaded,
 * when the URLs the docs plugin gave each record are known. adr/index.mdx
 * imports it from @generated, so it ships with that page only.
 */
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { loadRecords, type AdrRecord } from '../../../scripts/adr/records.ts';
import { routedPagesFromContent } from '../../../scripts/ai/site-content.ts';
import { buildIndex } from './model.ts';
import { dataFileName, type PluginOptions } from './options.ts';

export { validateOptions } from './options.ts';

export default function adrIndexPlugin(context: LoadContext, options: PluginOptions): Plugin<AdrRecord[]> {
  return {
    name: 'adr-index',
    getPathsToWatch: () => [path.join(context.siteDir, options.path, '*.md')],
    async loadContent() {
      const { records, problems } = await loadRecords(context.siteDir);
      for (const p of problems) console.warn(`[adr-index] skipped ${p.format()}`);
      return records;
    },
    async allContentLoaded({ allContent, actions }) {
      const records = (allContent['adr-index']?.[options.id] ?? []) as AdrRecord[];
      const urls = new Map(
        routedPagesFromContent(allContent, context.siteConfig.trailingSlash)
          .filter((p) => p.section === 'adr' && p.isCurrent)
          .map((p) => [p.source, p.url]),
      );
      await actions.createData(dataFileName, JSON.stringify(buildIndex(records, (rel) => urls.get(rel))));
    },
  };
}
