/**
 * parts: builds one part of the site when KB_PART names one (model.ts says
 * what a part is; deploy/parts.ts builds them and merges the outputs). In a
 * whole-site build it does nothing. In a part build it:
 * - installs the core wraps (core-patch.ts) that leave the other parts'
 *   pages out of the bundles, the static rendering and the link check;
 * - ships client.ts, which sends links into other parts to the server (a
 *   full page load) instead of the client router, which does not have them;
 * - gives the part its own persistent bundler cache (configureWebpack);
 * - writes `.kb-part.json` (the part, the table, its page count) for the
 *   merge, after checking the bundle and rendering wraps ran (the link
 *   check runs after postBuild: the merge checks its file is there).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { installPartWraps } from './core-patch.ts';
import { PART_MARK_FILE, partsOfBuild, type PartMark } from './model.ts';

export default function partsPlugin(context: LoadContext): Plugin {
  const build = partsOfBuild(context.siteConfig);
  const { current } = build;
  if (!current) return { name: 'parts' };
  // `docusaurus build` sets NODE_ENV=production before loading plugins; the dev server does not.
  if (process.env.NODE_ENV !== 'production')
    throw new Error(
      `KB_PART=${current}: parts are production builds (npm run build:part -- ${current}); unset KB_PART for npm start`,
    );
  const record = installPartWraps(context.siteDir, context.outDir, build.owns);
  return {
    name: 'parts',
    getClientModules() {
      return [path.join(context.siteDir, 'src/plugins/parts/client.ts')];
    },
    configureWebpack(config) {
      // Each part its own persistent bundler cache (the parts' route code differs): Rspack keys its cache by
      // experiments.cache.version, webpack by cache.name. Parts built one after another keep their caches.
      const rspackCache = (config.experiments as { cache?: { version?: string } } | undefined)?.cache;
      if (rspackCache && typeof rspackCache === 'object' && rspackCache.version)
        rspackCache.version = `${rspackCache.version}-part-${current}`;
      const webpackCache = config.cache as { name?: string } | boolean | undefined;
      if (webpackCache && typeof webpackCache === 'object' && webpackCache.name)
        webpackCache.name = `${webpackCache.name}-part-${current}`;
      return {};
    },
    async postBuild({ outDir, routesPaths }) {
      if (record.codegen === 0 || record.ssg === 0)
        throw new Error(
          `[parts] part ${current}: Docusaurus did not call the wrapped ${record.codegen === 0 ? 'generateSiteFiles' : 'executeSSG'}, so every page was built — re-check src/plugins/parts/core-patch.ts against this @docusaurus/core, or build the whole site (leave KB_PART unset)`,
        );
      const mark: PartMark = { part: current, parts: build.parts, pages: record.pages };
      await writeFile(path.join(outDir, PART_MARK_FILE), `${JSON.stringify(mark, null, 2)}\n`);
      console.log(`[parts] part ${current}: ${record.pages} of the site's ${routesPaths.length} pages rendered`);
    },
  };
}
