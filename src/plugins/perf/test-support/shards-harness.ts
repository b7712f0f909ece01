/**
 * Test support for route shards (route-shards.cjs, client/shard-merge.ts):
 * runs the whole split on generated sources (`.docusaurus/routes.js`,
 * `registry.js`, `routesChunkNames.json`) as the loader and the client do,
 * with stand-ins for the modules' imports.
 */
import { createRequire } from 'node:module';
import { createRouteShards, type ShardModule, type ShardRoute } from '../client/shard-merge.ts';

export interface Plan {
  main: ShardRoute[];
  shards: { container: number; index: number; route: ShardRoute }[][];
  shardCount: number;
  chunkNameShard: Map<string, number>;
  registryShard: Map<string, Set<number>>;
}
export const shards = createRequire(import.meta.url)('../route-shards.cjs') as {
  shardOfPath(path: string, count: number): number;
  shardCountFor(leaves: number): number;
  parseRoutes(source: string): ShardRoute[];
  planRouteShards(input: { routes: ShardRoute[]; chunkNames: Record<string, unknown>; keep?: string[] }): Plan;
  parseRegistry(source: string): [string, string][];
  mainRegistrySource(registry: [string, string][], plan: Plan): string;
  mainChunkNamesSource(chunkNames: Record<string, unknown>, plan: Plan): string;
  mainRoutesSource(plan: Plan, options: { runtime: string; self: string }): string;
  shardSource(
    plan: Plan,
    id: number,
    input: { chunkNames: Record<string, unknown>; registry: [string, string][]; docs?: unknown[] },
  ): string;
  planGlobalDocs(
    globalData: GlobalData,
    plan: Plan,
    keepDocIds?: string[],
  ): { main: GlobalData; shardDocs: ShardModule['docs'][] };
};
export type Doc = { id: string; path: string; sidebar?: string };
export type GlobalData = Record<
  string,
  Record<string, { path: string; versions: { name: string; mainDocId: string; docs: Doc[] }[] }>
>;

/** Evaluates generated module source with stand-ins for its imports. */
export function evaluate<T>(source: string, scope: Record<string, unknown>): T {
  const body = source
    .replace(/^import .*$/gm, '')
    .replace(/^export const (\w+) = /gm, 'exports.$1 = ')
    .replace(/^export default /m, 'exports.default = ')
    .replace(/require\.resolveWeak\(/g, 'resolveWeak(');
  const exports: Record<string, unknown> = {};
  new Function('exports', 'resolveWeak', ...Object.keys(scope), body)(
    exports,
    (m: string) => m,
    ...Object.values(scope),
  );
  return exports as T;
}

export const creator = (path: string, hash?: string) => ({ created: hash === undefined ? [path] : [path, hash] });
export const plain = (routes: unknown) => JSON.parse(JSON.stringify(routes, (k, v) => (k === 'key' ? undefined : v)));

/**
 * The split of `routes`, `registry` and `chunkNames` (generated sources) into
 * main and shards, evaluated: main's table registered with the client runtime,
 * each shard module, and main's live chunk names and registry.
 */
export function buildShards(input: { routes: string; registry: string; chunkNames: Record<string, unknown> }) {
  const { routes: routesSource, registry: registrySource, chunkNames: chunkNamesJson } = input;
  const plan = shards.planRouteShards({ routes: shards.parseRoutes(routesSource), chunkNames: chunkNamesJson });
  const registry = shards.parseRegistry(registrySource);
  let registered:
    | {
        table: ShardRoute[];
        count: number;
        shardOf: (p: string, n: number) => number;
        load: (() => Promise<ShardModule>)[];
      }
    | undefined;
  const shardModules = plan.shards.map((_, id) =>
    evaluate<ShardModule>(shards.shardSource(plan, id, { chunkNames: chunkNamesJson, registry }), {
      ComponentCreator: creator,
    }),
  );
  const mainSource = shards
    .mainRoutesSource(plan, { runtime: '/abs/route-shards.ts', self: './routes.js' })
    .replace(/import\(\/\* webpackChunkName: "routes-\d+" \*\/ "\.\/routes\.js\?kb-shard=(\d+)"\)/g, 'loadShard($1)');
  const main = evaluate<{ default: ShardRoute[] }>(mainSource, {
    ComponentCreator: creator,
    registerRouteShards: (options: typeof registered) => (registered = options),
    loadShard: (id: number) => Promise.resolve(shardModules[id]),
  });
  const liveChunkNames = JSON.parse(shards.mainChunkNamesSource(chunkNamesJson, plan)) as Record<string, unknown>;
  const liveRegistry = evaluate<{ default: Record<string, unknown[]> }>(
    shards.mainRegistrySource(shards.parseRegistry(registrySource), plan),
    {},
  ).default;
  const runtime = createRouteShards({ ...registered!, chunkNames: liveChunkNames, registry: liveRegistry });
  return { plan, main: main.default, registered: registered!, shardModules, runtime, liveChunkNames, liveRegistry };
}
