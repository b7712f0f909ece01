// Contract tests: each loader of the perf layer fed what the installed
// Docusaurus really generates (core's loadSite on a small site in a temp
// folder: .docusaurus/routes.js, registry.js, routesChunkNames.json,
// globalData.json), not hand-written inputs. A Docusaurus upgrade that changes
// the generated code fails here, naming the loader.
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouteShards, type ShardRoute } from './client/shard-merge.ts';
import { type GeneratedSite, generateSite } from './test-support/generated-site.ts';
import { buildShards, creator, evaluate, type GlobalData, plain, shards } from './test-support/shards-harness.ts';

const require = createRequire(import.meta.url);
const lazyRoutes = require('./lazy-routes-loader.cjs') as (source: string) => string;
const stripRegistry = require('./strip-registry-loader.cjs') as (source: string) => string;

let site: GeneratedSite;
beforeAll(async () => {
  site = await generateSite();
}, 180_000);
afterAll(async () => {
  if (site) await rm(site.siteDir, { recursive: true, force: true });
});

/** Every route of a table, depth first. */
function allRoutes(table: ShardRoute[]): ShardRoute[] {
  return table.flatMap((route) => [route, ...allRoutes(route.routes ?? [])]);
}

describe('lazy-routes-loader on the generated routes.js', () => {
  it('creates no component while the table evaluates, and each on first use with the same arguments', () => {
    const calls: unknown[][] = [];
    const counting = (...args: unknown[]) => {
      calls.push(args);
      return { created: args };
    };
    const stock = allRoutes(evaluate<{ default: ShardRoute[] }>(site.routes, { ComponentCreator: creator }).default);
    const lazy = allRoutes(
      evaluate<{ default: ShardRoute[] }>(lazyRoutes(site.routes), { ComponentCreator: counting }).default,
    );
    expect(lazy.length).toBeGreaterThan(10);
    expect(calls).toEqual([]);
    expect(lazy.map((r) => r.path)).toEqual(stock.map((r) => r.path));
    for (const [i, route] of lazy.entries()) {
      expect(route.component, String(route.path)).toEqual(stock[i]!.component);
      expect(route.component).toBe(route.component); // created once, kept
    }
    expect(calls).toHaveLength(lazy.length);
  });
});

describe('strip-registry-loader on the generated registry.js', () => {
  it("replaces every entry's module path string with 0 and keeps its loader and weak id", () => {
    const names = shards.parseRegistry(site.registry).map(([name]) => name);
    expect(names.length).toBeGreaterThan(10);
    const scope = { ComponentCreator: creator };
    const importStub = (m: string) => `import:${m}`;
    const read = (source: string) =>
      evaluate<{ default: Record<string, [() => unknown, unknown, unknown]> }>(
        source.replace(/\(\) => import\(\/\*[^*]*\*\/ ("[^"]+")\)/g, '() => importStub($1)'),
        { ...scope, importStub },
      ).default;
    const stock = read(site.registry);
    const stripped = read(stripRegistry(site.registry));
    expect(Object.keys(stripped)).toEqual(names);
    for (const name of names) {
      const [load, modulePath, weak] = stripped[name]!;
      expect(typeof stock[name]![1]).toBe('string');
      expect(modulePath, name).toBe(0);
      expect(load()).toBe(stock[name]![0]());
      expect(weak).toBe(stock[name]![2]);
    }
  });
});

describe('route shards on the generated routes.js, registry.js, routesChunkNames.json and globalData.json', () => {
  it('moves leaves out of main and gives back the generated table, chunk names and registry once every shard is merged', () => {
    const chunkNames = JSON.parse(site.chunkNames) as Record<string, unknown>;
    const { plan, main, runtime, shardModules, liveChunkNames, liveRegistry } = buildShards({
      routes: site.routes,
      registry: site.registry,
      chunkNames,
    });
    const leaves = plan.shards.flat().map((l) => l.route.path);
    // Docs of both instances and versions, blog posts, tag pages, the page: all leaves.
    for (const path of ['/docs/plan/week-1', '/docs/1.0/plan/week-1', '/adr/runtime', '/about'])
      expect(leaves, path).toContain(path);
    expect(leaves.some((p) => String(p).startsWith('/reports/2025/'))).toBe(true);
    expect(allRoutes(main).map((r) => r.path)).not.toContain('/docs/plan/week-1');
    for (const shard of shardModules) runtime.merge(shard);
    expect(plain(main)).toEqual(
      plain(evaluate<{ default: unknown }>(site.routes, { ComponentCreator: creator }).default),
    );
    expect(liveChunkNames).toEqual(chunkNames);
    expect(Object.keys(liveRegistry).sort()).toEqual(
      shards
        .parseRegistry(site.registry)
        .map(([n]) => n)
        .sort(),
    );
  });

  it('cuts the docs global data and gives every version its full list back', () => {
    const chunkNames = JSON.parse(site.chunkNames) as Record<string, unknown>;
    const globalData = JSON.parse(site.globalData) as GlobalData;
    const { plan } = buildShards({ routes: site.routes, registry: site.registry, chunkNames });
    const { main, shardDocs } = shards.planGlobalDocs(globalData, plan, []);
    const docsPlugin = (data: GlobalData) => data['docusaurus-plugin-content-docs']!;
    const count = (data: GlobalData) =>
      Object.values(docsPlugin(data)).flatMap((p) => p.versions.flatMap((v) => v.docs)).length;
    expect(count(globalData)).toBeGreaterThan(5);
    expect(count(main)).toBeLessThan(count(globalData));
    const live = JSON.parse(JSON.stringify(main)) as GlobalData;
    const client = createRouteShards({
      table: [],
      count: plan.shardCount,
      shardOf: shards.shardOfPath,
      load: [],
      chunkNames: {},
      registry: {},
      docsData: docsPlugin(live),
    });
    for (const docs of shardDocs) client.merge({ leaves: [], chunkNames: {}, registry: {}, docs });
    const ids = (data: GlobalData) =>
      Object.entries(docsPlugin(data)).map(([id, p]) => [id, p.versions.map((v) => v.docs.map((d) => d.id).sort())]);
    expect(ids(live)).toEqual(ids(globalData));
  });
});
