/**
 * Puts route shards (route-shards.cjs) back into the live route table: each
 * leaf goes into its container's `routes` array at its original index, its
 * chunk names and registry entries are added to the live objects that
 * ComponentCreator reads when a route's component is first created, and its
 * docs' entries go back into the docs plugins' global data. Pure apart from
 * the objects it is given, so it is unit-tested.
 */
export interface ShardRoute {
  path?: string | string[];
  key?: string;
  routes?: ShardRoute[];
  [attribute: string]: unknown;
}
/** [container id (pre-order, 0 = top level), original index, route]. */
export type ShardLeaf = [number, number, ShardRoute];
/** A docs plugin's global data entry of one doc: [plugin id, version name, { id, path, sidebar }]. */
export type ShardDoc = [string, string, { id: string; [attribute: string]: unknown }];
/** The docs plugins' global data, by plugin id (`globalData['docusaurus-plugin-content-docs']`). */
export type DocsGlobalData = Record<string, { versions: { name: string; docs: { id: string }[] }[] }>;
export interface ShardModule {
  leaves: ShardLeaf[];
  chunkNames: Record<string, unknown>;
  registry: Record<string, unknown>;
  docs?: ShardDoc[];
}
export interface RouteShardsOptions {
  table: ShardRoute[];
  count: number;
  shardOf: (path: string, count: number) => number;
  load: (() => Promise<ShardModule>)[];
  chunkNames: Record<string, unknown>;
  registry: Record<string, unknown>;
  docsData?: DocsGlobalData;
}
export interface RouteShards {
  /** Loads (once) and merges the shards a pathname may need. */
  loadFor(pathname: string): Promise<void>;
  /** Merges one loaded shard (idempotent). */
  merge(shard: ShardModule): void;
  /** The shards a pathname may need that are not merged yet (none: its route is matchable now). */
  missingFor(pathname: string): number[];
}

/** Containers in pre-order: 0 is the table itself, then every route with sub-routes. */
export function listContainers(table: ShardRoute[]): ShardRoute[][] {
  const out: ShardRoute[][] = [];
  const walk = (list: ShardRoute[]) => {
    out.push(list);
    for (const route of list) if (route.routes) walk(route.routes);
  };
  walk(table);
  return out;
}

/** Inserts a route whose original index is `index` among routes keyed by their original index. */
export function insertAtOriginalIndex(list: ShardRoute[], index: number, route: ShardRoute): void {
  let at = list.length;
  for (let i = 0; i < list.length; i++) {
    const other = Number(list[i]!.key);
    if (other === index) return;
    if (other > index) {
      at = i;
      break;
    }
  }
  list.splice(at, 0, route);
}

/**
 * The pathnames a location may be matched under: as given, decoded (like
 * core's preload), and without `.html` / `/index.html` (normalizeLocation).
 */
export function candidatePaths(pathname: string): string[] {
  const out = new Set([pathname]);
  try {
    out.add(decodeURI(pathname));
  } catch {
    // A malformed escape: match the raw pathname only, as react-router will.
  }
  for (const p of [...out]) out.add(p.replace(/(?:\/index)?\.html$/, '') || '/');
  return [...out];
}

export function createRouteShards(options: RouteShardsOptions): RouteShards {
  const { table, count, shardOf, load, chunkNames, registry, docsData } = options;
  const pending = new Map<number, Promise<void>>();
  const merged = new WeakSet<ShardModule>();
  const mergedIds = new Set<number>();
  let containers: ShardRoute[][] | undefined;

  const merge = (shard: ShardModule) => {
    if (merged.has(shard)) return;
    merged.add(shard);
    // Entries first: a route must not be matchable before its chunk names are there.
    Object.assign(chunkNames, shard.chunkNames);
    Object.assign(registry, shard.registry);
    for (const [pluginId, versionName, doc] of shard.docs ?? []) {
      const version = docsData?.[pluginId]?.versions.find((v) => v.name === versionName);
      if (version && !version.docs.some((other) => other.id === doc.id)) version.docs.push(doc);
    }
    containers ??= listContainers(table);
    for (const [container, index, route] of shard.leaves) {
      const list = containers[container];
      if (!list) throw new Error(`route shards: no container ${container} in the route table`);
      insertAtOriginalIndex(list, index, route);
    }
  };

  const loadShard = (id: number) => {
    let promise = pending.get(id);
    if (!promise) {
      promise = load[id]!().then((shard) => {
        merge(shard);
        mergedIds.add(id);
      });
      // A failed load may be retried (a flaky network), like a failed chunk.
      promise.catch(() => pending.delete(id));
      pending.set(id, promise);
    }
    return promise;
  };

  const idsFor = (pathname: string) => [...new Set(candidatePaths(pathname).map((p) => shardOf(p, count)))];

  return {
    merge,
    loadFor(pathname) {
      return Promise.all(idsFor(pathname).map(loadShard)).then(() => undefined);
    },
    missingFor(pathname) {
      return idsFor(pathname).filter((id) => !mergedIds.has(id));
    },
  };
}
