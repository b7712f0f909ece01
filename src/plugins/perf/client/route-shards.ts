/**
 * The client's route shards: the generated routes.js (rewritten by
 * route-shards-loader.cjs) registers its table and shard loaders here while
 * main.js evaluates; preload (client/preload.ts) and the deferred prefetch
 * load a pathname's shard before they match routes. A merged shard also puts
 * its docs back into the docs plugins' global data (cut by the same loader).
 * Without a registration (the server bundle, a build without the loader)
 * every call is a no-op.
 */
import globalData from '@generated/globalData';
import registry from '@generated/registry';
import routesChunkNames from '@generated/routesChunkNames';
import { createRouteShards, type DocsGlobalData, type RouteShards, type RouteShardsOptions } from './shard-merge.ts';

let shards: RouteShards | undefined;

export function registerRouteShards(options: Omit<RouteShardsOptions, 'chunkNames' | 'registry' | 'docsData'>): void {
  shards = createRouteShards({
    ...options,
    chunkNames: routesChunkNames as Record<string, unknown>,
    registry: registry as unknown as Record<string, unknown>,
    docsData: globalData['docusaurus-plugin-content-docs'] as DocsGlobalData | undefined,
  });
}

const done = Promise.resolve();

/** Loads and merges the shards a pathname may need (resolved at once without shards). */
export function loadRouteShards(pathname: string): Promise<void> {
  return shards ? shards.loadFor(pathname) : done;
}

/** The shards a pathname may need that are not merged yet (none without shards). */
export function missingRouteShards(pathname: string): number[] {
  return shards ? shards.missingFor(pathname) : [];
}
