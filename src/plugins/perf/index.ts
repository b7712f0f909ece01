/**
 * perf: what keeps page load under one second (issue 7) that is not content.
 * - client/deferred-prefetch.ts: viewport prefetching in idle slices;
 * - client/no-eager-prism.ts: Prism out of main.js (see src/theme/CodeBlock);
 * - strip-registry-loader.cjs: no module path strings in the client's route
 *   registry;
 * - lazy-routes-loader.cjs: route components created when a route is first
 *   rendered, not all of them while main.js evaluates.
 * Each measure is explained where it lives; bench/pages measures the result.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

export default function perfPlugin(context: LoadContext): Plugin {
  const here = path.join(context.siteDir, 'src/plugins/perf');
  const require = createRequire(path.join(context.siteDir, 'package.json'));
  const prismClientModule = require.resolve('@docusaurus/theme-classic/lib/prism-include-languages');
  return {
    name: 'perf',
    getClientModules() {
      return [path.join(here, 'client/deferred-prefetch.ts')];
    },
    configureWebpack(_config, isServer) {
      return {
        resolve: { alias: { [prismClientModule]: path.join(here, 'client/no-eager-prism.ts') } },
        module: {
          rules: isServer
            ? []
            : [
                { test: /[\\/]\.docusaurus[\\/]registry\.js$/, use: [{ loader: path.join(here, 'strip-registry-loader.cjs') }] },
                { test: /[\\/]\.docusaurus[\\/]routes\.js$/, use: [{ loader: path.join(here, 'lazy-routes-loader.cjs') }] },
              ],
        },
      };
    },
  };
}
