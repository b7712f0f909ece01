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
 * - theme/: the desktop doc sidebar hydrated on demand, Mermaid drawn near
 *   the viewport, the phone menu built when reached for (theme components
 *   that wrap theme-classic's / theme-mermaid's own, through getThemePath, so
 *   KB_PERF=0 leaves the stock ones).
 * Each measure is explained where it lives; bench/pages measures the result.
 *
 * Upgrade safety (guard.ts): the plugin stops the build on a @docusaurus/core
 * it was not checked against; every rewrite records in ledger.cjs that it
 * fired and postBuild fails the build if one did not (rewrite-check.ts);
 * docusaurus.config.ts leaves the plugin and the page template out with
 * KB_PERF=0. Route shards, named chunk ids and the chunk hash map run only
 * from SHARD_MIN_ROUTES routes up (see README.md for the figures).
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { chunkHashMapPlugin } from './chunk-hash-map.ts';
import { coreVersionProblem } from './guard.ts';
import { applyNamedChunkIds } from './named-chunks.ts';
import { checkRewrites, type RewriteCount } from './rewrite-check.ts';

/** `index.html`, or (a site part) the first page of the build in path order. */
async function firstPage(outDir: string): Promise<string> {
  if (await stat(path.join(outDir, 'index.html')).catch(() => undefined)) return 'index.html';
  const pages = (await readdir(outDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)))
    .sort();
  if (!pages[0]) throw new Error(`perf: ${outDir} holds no page — the build rendered nothing`);
  return pages[0];
}

/** Core's client preload (matches routes before render), replaced to load route shards first. */
const CORE_PRELOAD = /[\\/]@docusaurus[\\/]core[\\/]lib[\\/]client[\\/]preload\.js$/;
const CORE_APP = /[\\/]@docusaurus[\\/]core[\\/]lib[\\/]client[\\/]App\.js$/;
const OWN_PRELOAD = /[\\/]plugins[\\/]perf[\\/]client[\\/]preload\.ts$/;
/** Text of client/preload.ts that core's preload.js does not have. */
const OWN_PRELOAD_MARK = 'loadRouteShards(';

/**
 * Route shards, named chunk ids and the chunk hash map pay off only on a large
 * site (README.md, "What runs from how many routes"): below this many routes
 * the production client is built without them. KB_PERF_SHARD_MIN_ROUTES
 * overrides it (0: always, as the browser tests of the shards do).
 */
export const SHARD_MIN_ROUTES = 400;

/** The shard threshold: KB_PERF_SHARD_MIN_ROUTES, or SHARD_MIN_ROUTES. */
export function shardMinRoutes(env: Readonly<Record<string, string | undefined>>): number {
  const value = env.KB_PERF_SHARD_MIN_ROUTES;
  if (value === undefined || value === '') return SHARD_MIN_ROUTES;
  if (!/^\d+$/.test(value))
    throw new Error(
      `KB_PERF_SHARD_MIN_ROUTES=${value}: give a whole number of routes, e.g. KB_PERF_SHARD_MIN_ROUTES=0`,
    );
  return Number(value);
}

/**
 * NormalModuleReplacementPlugin's replacement for webpack. Given a path,
 * webpack swaps the resolved file but keeps the original's directory as the
 * module's context, so client/preload.ts's own imports would be resolved in
 * core's client folder; this moves the context too. (Rspack's native plugin
 * does that itself, and takes the path.)
 */
export function replaceResolved(file: string) {
  return (data: { request?: string; createData?: { resource?: string; context?: string } }) => {
    if (data.createData?.resource === undefined) {
      data.request = file;
      return;
    }
    data.createData.resource = file;
    data.createData.context = path.dirname(file);
  };
}

/** The bundler plugin that swaps core's client/preload.js for `file` (client/preload.ts). */
export function preloadReplacement(
  bundler: { name: string; instance: { NormalModuleReplacementPlugin: new (test: RegExp, to: never) => unknown } },
  file: string,
): unknown {
  const to = bundler.name === 'webpack' ? replaceResolved(file) : file;
  return new bundler.instance.NormalModuleReplacementPlugin(CORE_PRELOAD, to as never);
}

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

/** Routes of the site: one routesChunkNames.json entry per route with a component (all but the '*' fallbacks). */
export function routeCount(generatedFilesDir: string): number {
  return Object.keys(JSON.parse(readFileSync(path.join(generatedFilesDir, 'routesChunkNames.json'), 'utf8'))).length;
}

/** The text of ssr-template.ts that proves a built page used it. */
export const TEMPLATE_MARK = 'first-contentful-paint';

interface Ledger {
  reset(): void;
  counts(): Map<string, RewriteCount>;
}

export default function perfPlugin(context: LoadContext): Plugin {
  const here = path.join(context.siteDir, 'src/plugins/perf');
  const local = createRequire(path.join(here, 'index.ts'));
  const installed = (
    createRequire(path.join(context.siteDir, 'package.json'))('@docusaurus/core/package.json') as {
      version: string;
    }
  ).version;
  const problem = coreVersionProblem(installed);
  if (problem) throw new Error(problem);
  const themePatches = local('./theme-patches-loader.cjs') as { FILES: RegExp[]; NAMES: string[] };
  const ledger = local('./ledger.cjs') as Ledger;
  const minRoutes = shardMinRoutes(process.env);
  // What the production client build must show fired (postBuild), and whether a persistent cache may have hidden it.
  let expected: string[] = [];
  let persistentCache = false;
  let sharding = '';
  return {
    name: 'perf',
    getThemePath() {
      return path.join(here, 'theme');
    },
    getClientModules() {
      // spread-chunk-loads.ts also comes with client/preload.ts; here it runs below the shard threshold too.
      return [path.join(here, 'client/deferred-prefetch.ts'), path.join(here, 'client/spread-chunk-loads.ts')];
    },
    configureWebpack(config, isServer, { currentBundler }) {
      // Route shards only where the server render proves the full table: the
      // production client bundle (the dev server renders client-side only),
      // and only on a site large enough for them to pay (SHARD_MIN_ROUTES).
      const production = !isServer && config.mode === 'production';
      const routes = production ? routeCount(context.generatedFilesDir) : 0;
      const shard = production && routes >= minRoutes;
      if (production)
        sharding = `${routes} routes: route shards, named chunk ids and the chunk hash map ${shard ? 'on' : 'off'} (from ${minRoutes})`;
      if (production) {
        ledger.reset();
        const experiments = (config as { experiments?: { cache?: unknown } }).experiments;
        persistentCache =
          (config.cache as { type?: string } | undefined)?.type === 'filesystem' || !!experiments?.cache;
        const minimized = config.optimization?.minimize !== false;
        expected = [
          'strip-registry',
          'lazy-routes',
          ...themePatches.NAMES,
          ...(shard
            ? [
                'route-shards:routes.js',
                'route-shards:registry.js',
                'route-shards:routesChunkNames.json',
                'route-shards:globalData.json',
                'route-shards:shard',
                'app-routes',
                'preload-replacement',
                'named-chunk-asset',
                ...(minimized ? ['chunk-hash-map'] : []),
              ]
            : []),
        ];
      }
      const keepDocIds = navbarDocIds(context.siteConfig.themeConfig);
      const shards = {
        loader: path.join(here, 'route-shards-loader.cjs'),
        options: { runtime: path.join(here, 'client/route-shards.ts'), keep: [context.baseUrl], keepDocIds },
      };
      return {
        ...(shard ? applyNamedChunkIds(config, currentBundler as never) : {}),
        plugins: shard
          ? [
              preloadReplacement(currentBundler, path.join(here, 'client/preload.ts')) as never,
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
                      {
                        // Bundlers pick a module's loaders before the replacement swaps its file: the rule
                        // names both paths, and the loader checks that what it gets is ours.
                        test: [CORE_PRELOAD, OWN_PRELOAD],
                        use: [
                          {
                            loader: path.join(here, 'ledger-loader.cjs'),
                            options: { name: 'preload-replacement', mark: OWN_PRELOAD_MARK },
                          },
                        ],
                      },
                    ]
                  : []),
              ],
        },
      };
    },
    async postBuild({ outDir }) {
      // The page template (docusaurus.config.ts's ssrTemplate, set with this plugin) and every rewrite fired.
      // A site part (src/plugins/parts) has no home page: its first rendered page is checked instead.
      const page = await firstPage(outDir);
      const failures = (await readFile(path.join(outDir, page), 'utf8')).includes(TEMPLATE_MARK)
        ? []
        : [
            `ssr-template: ${page} was not rendered with src/plugins/perf/ssr-template.ts (ssrTemplate in docusaurus.config.ts)`,
          ];
      const check = checkRewrites(expected, ledger.counts(), persistentCache);
      failures.push(...check.failures);
      if (failures.length > 0)
        throw new Error(
          `perf: ${failures.length} rewrite(s) of the perf layer did not fire; check them against @docusaurus/core ${installed} (src/plugins/perf/README.md, "Upgrading Docusaurus"), or build with KB_PERF=0:\n  ${failures.join('\n  ')}`,
        );
      const fired = expected.length - check.unverified.length;
      console.log(
        `[perf] ${sharding}; ${fired}/${expected.length} rewrites fired` +
          (check.unverified.length > 0
            ? `; not checked (modules from the persistent bundler cache; DOCUSAURUS_NO_PERSISTENT_CACHE=1 checks all): ${check.unverified.join(', ')}`
            : ''),
      );
    },
  };
}
