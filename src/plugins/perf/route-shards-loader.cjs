/**
 * Loader for `.docusaurus/routes.js`, `registry.js` and `routesChunkNames.json`
 * in the client bundle only (see route-shards.cjs for the why). The three
 * modules are rewritten from one plan computed from the three files on disk:
 * - routes.js → the table without leaf routes, registered with
 *   client/route-shards.ts together with one `import()` per shard;
 * - routes.js?kb-shard=<id> → that shard's leaves, chunk names and registry
 *   entries;
 * - registry.js / routesChunkNames.json / globalData.json → without what
 *   moved to shards (globalData.json: the docs of leaf pages).
 * Options: `runtime` (absolute path of client/route-shards.ts), `keep` (leaf
 * paths that stay in main: the home page), `keepDocIds` (docs whose global
 * data entries stay in main: those the navbar names).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const shards = require('./route-shards.cjs');
const stripRegistryModulePaths = require('./strip-registry-loader.cjs');
const ledger = require('./ledger.cjs');

const FILES = {
  routes: 'routes.js',
  chunkNames: 'routesChunkNames.json',
  registry: 'registry.js',
  globalData: 'globalData.json',
};

// One plan per content of the four files: the loader runs once per shard.
let memo = { inputs: '', value: undefined };

function readPlan(loader, keep, keepDocIds) {
  const dir = path.dirname(loader.resourcePath);
  const text = {};
  for (const [name, file] of Object.entries(FILES)) {
    const full = path.join(dir, file);
    loader.addDependency(full);
    text[name] = fs.readFileSync(full, 'utf8');
  }
  const inputs = [keep.join('\n'), keepDocIds.join('\n'), ...Object.keys(FILES).map((name) => text[name])].join(
    '\u0000',
  );
  if (memo.inputs !== inputs) {
    const chunkNames = JSON.parse(text.chunkNames);
    const plan = shards.planRouteShards({ routes: shards.parseRoutes(text.routes), chunkNames, keep });
    const docs = shards.planGlobalDocs(JSON.parse(text.globalData), plan, keepDocIds);
    memo = { inputs, value: { plan, chunkNames, registry: shards.parseRegistry(text.registry), docs } };
  }
  return memo.value;
}

module.exports = function routeShardsLoader(source) {
  const { runtime, keep = ['/'], keepDocIds = [] } = this.getOptions();
  const file = path.basename(this.resourcePath);
  const { plan, chunkNames, registry, docs } = readPlan(this, keep, keepDocIds);
  const query = new URLSearchParams(this.resourceQuery.replace(/^\?/, ''));
  ledger.record(`route-shards:${query.has('kb-shard') ? 'shard' : file}`, true);
  if (file === FILES.globalData) return JSON.stringify(docs.main);
  if (file === FILES.chunkNames) return shards.mainChunkNamesSource(JSON.parse(source), plan);
  if (file === FILES.registry) return shards.mainRegistrySource(shards.parseRegistry(source), plan);
  if (file !== FILES.routes) return source;
  if (!query.has('kb-shard')) return shards.mainRoutesSource(plan, { runtime, self: `./${FILES.routes}` });
  const id = Number(query.get('kb-shard'));
  if (!Number.isInteger(id) || id < 0 || id >= plan.shardCount)
    throw new Error(`route-shards: no shard ${query.get('kb-shard')} (of ${plan.shardCount})`);
  return stripRegistryModulePaths(shards.shardSource(plan, id, { chunkNames, registry, docs: docs.shardDocs[id] }));
};
