/**
 * perf: what keeps page load under one second (issue 7) that is not content.
 * - client/deferred-prefetch.ts: viewport prefetching in idle slices;
 * - strip-registry-loader.cjs: no module path strings in the client's route
 *   registry;
 * - lazy-routes-loader.cjs: route components created when a route is first
 *   rendered, not all of them while main.js evaluates;
 * - route-shards.cjs (+ route-shards-loader.cjs, app-routes-loader.cjs,
 *   client/preload.ts, client/route-shards.ts): leaf routes, their chunk
 *   names and registry entries out of main.js into shards of ~45 routes,
 *   loaded for the page being shown (production client bundle only);
 * - named-chunks.ts: chunk ids = chunk names, so runtime~main.js carries one
 *   map per async chunk (its content hash) instead of three;
 * - chunk-hash-map.ts: that map is built once, not on every chunk load, and
 *   the hashes of chunks only route shards load move into those shards;
 * - theme-patches-loader.cjs: no ICU collator created on every doc page to
 *   sort plugin paths and object keys; the updates after hydration (and the
 *   URL's query and hash the version menus read) rendered as transitions.
 * Each measure is explained where it lives; bench/pages measures the result.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { chunkHashMapPlugin } from './chunk-hash-map.ts';
import { useNamedChunkIds } from './named-chunks.ts';

/** Core's client preload (matches routes before render), replaced to load route shards first. */
const CORE_PRELOAD = /[\\/]@docusaurus[\\/]core[\\/]lib[\\/]client[\\/]preload\.js$/;
const CORE_APP = /[\\/]@docusaurus[\\/]core[\\/]lib[\\/]client[\\/]App\.js$/;

/** Doc ids the navbar links to by id (`doc` items, in dropdowns too): theme-classic looks them up on every page. */
export function navbarDocIds(themeConfig: unknown): string[] {
  const ids = new Set<string>();
  const walk = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items as { docId?: unknown; items?: unknown }[]) {
      if (typeof item?.docId === 'string') ids.add(item.docId);
      walk(item?.items);
    }
  };
  walk((themeConfig as { navbar?: { items?: unknown } } | undefined)?.navbar?.items);
  return [...ids];
}

export default function perfPlugin(context: LoadContext): Plugin {
  const here = path.join(context.siteDir, 'src/plugins/perf');
  const themePatches = createRequire(path.join(here, 'index.ts'))('./theme-patches-loader.cjs') as { FILES: RegExp[] };
  return {
    name: 'perf',
    getClientModules() {
      return [path.join(here, 'client/deferred-prefetch.ts')];
    },
    configureWebpack(config, isServer, { currentBundler }) {
      // Route shards only where the server render proves the full table: the
      // production client bundle (the dev server renders client-side only).
      const shard = !isServer && config.mode === 'production';
      const keepDocIds = navbarDocIds(context.siteConfig.themeConfig);
      const shards = {
        loader: path.join(here, 'route-shards-loader.cjs'),
        options: { runtime: path.join(here, 'client/route-shards.ts'), keep: [context.baseUrl], keepDocIds },
      };
      return {
        ...(shard ? useNamedChunkIds(config, currentBundler as never) : {}),
        plugins: shard
          ? [
              new currentBundler.instance.NormalModuleReplacementPlugin(
                CORE_PRELOAD,
                path.join(here, 'client/preload.ts'),
              ),
              chunkHashMapPlugin as never,
            ]
          : [],
        module: {
          rules: isServer
            ? []
            : [
                ...themePatches.FILES.map((test) => ({
                  test,
                  use: [{ loader: path.join(here, 'theme-patches-loader.cjs') }],
                })),
                // Loaders run last to first: shards before the registry strip and lazy components.
                {
                  test: /[\\/]\.docusaurus[\\/]registry\.js$/,
                  use: [{ loader: path.join(here, 'strip-registry-loader.cjs') }, ...(shard ? [shards] : [])],
                },
                {
                  test: /[\\/]\.docusaurus[\\/]routes\.js$/,
                  use: [{ loader: path.join(here, 'lazy-routes-loader.cjs') }, ...(shard ? [shards] : [])],
                },
                ...(shard
                  ? [
                      { test: /[\\/]\.docusaurus[\\/]routesChunkNames\.json$/, use: [shards] },
                      { test: /[\\/]\.docusaurus[\\/]globalData\.json$/, use: [shards] },
                      { test: CORE_APP, use: [{ loader: path.join(here, 'app-routes-loader.cjs') }] },
                    ]
                  : []),
              ],
        },
      };
    },
  };
}
