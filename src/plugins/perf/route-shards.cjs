/**
 * Route shards (issue 7): the pure core behind route-shards-loader.cjs.
 *
 * Docusaurus puts the whole client route table in main.js: every route in
 * `.docusaurus/routes.js`, its chunk names in `routesChunkNames.json` and the
 * chunk loaders in `registry.js`. On a 1,000-page site that is most of
 * main.js, though a page needs only its own routes. Here the leaf routes
 * (exact, no parameter or wildcard, no sub-routes) are split by a hash of
 * their path into shards of ~45 leaves; each shard carries its leaves and the
 * chunk names and registry entries those leaves use. main keeps the
 * containers (plugin, version, sidebar roots), everything else that is not a
 * leaf, the home page (theme-common's useHomePageRoute scans the table for
 * it), and every registry entry something in main uses; an entry leaves of
 * several shards use (a blog post's excerpt on list and tag pages) goes to
 * each of them.
 *
 * Containers are numbered in pre-order (0 = the top-level array), which
 * removing leaves does not change; every route of a container that loses a
 * leaf gets `key: "<its index in the original container>"`, which tells the
 * client where a leaf goes back (client/shard-merge.ts) and keeps React's
 * <Switch> key of a route stable when leaves are inserted before it.
 */
'use strict';

const LEAVES_PER_SHARD = 45;

/**
 * Shard of a path: FNV-1a of the lower-cased path without one trailing slash
 * (react-router matches case-insensitively and with or without it). Shipped to
 * the client as source text (`shardOfPath.toString()`), so it must stay
 * self-contained.
 */
function shardOfPath(path, count) {
  let p = path.toLowerCase();
  if (p.length > 1 && p.charCodeAt(p.length - 1) === 47) p = p.slice(0, -1);
  let h = 0x811c9dc5;
  for (let i = 0; i < p.length; i++) {
    h ^= p.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % count;
}

/** Number of shards for this many leaves: ~45 leaves each, at least one. */
function shardCountFor(leafCount) {
  return Math.max(1, Math.round(leafCount / LEAVES_PER_SHARD));
}

const COMPONENT = Symbol('component');

/**
 * Evaluates the generated routes.js (codegenRoutes.js: an array literal of
 * `{ path, component: ComponentCreator(path, hash), exact, routes, …JSON }`)
 * with a ComponentCreator that records its arguments.
 */
function parseRoutes(source) {
  const body = source
    .replace("import React from 'react';", '')
    .replace("import ComponentCreator from '@docusaurus/ComponentCreator';", '')
    .replace(/^export default /m, 'return ');
  if (/^\s*(import|export)\b/m.test(body))
    throw new Error('route-shards: routes.js has an unexpected shape (import/export)');
  const creator = (path, hash) => ({ [COMPONENT]: hash === undefined ? [path] : [path, hash] });
  return new Function('ComponentCreator', body)(creator);
}

function componentArgs(route) {
  const args = route.component?.[COMPONENT];
  if (!args) throw new Error(`route-shards: route ${route.path} has no ComponentCreator(…) component`);
  return args;
}

/** The routesChunkNames key of a route (`${path}-${hash}`), undefined for the '*' route. */
function routeKey(route) {
  const [path, hash] = componentArgs(route);
  return hash === undefined ? undefined : `${path}-${hash}`;
}

function isLeaf(route, keep) {
  return (
    route.exact === true &&
    route.routes === undefined &&
    typeof route.path === 'string' &&
    !/[:*?(]/.test(route.path) &&
    !keep.includes(route.path)
  );
}

/** Every chunk name (string leaf) of a routesChunkNames entry. */
function chunkNamesOf(entry, out = []) {
  if (typeof entry === 'string') out.push(entry);
  else if (entry && typeof entry === 'object') for (const value of Object.values(entry)) chunkNamesOf(value, out);
  return out;
}

/**
 * Plans the split. `routes`: parsed table; `chunkNames`: routesChunkNames;
 * `keep`: leaf paths that stay in main. Returns the main table (containers
 * with the leaves removed and keys added), `shards[id] = [{ container, index,
 * route }]`, `shardCount`, and where each routesChunkNames key and registry
 * chunk name goes (`chunkNameShard`: a shard id; `registryShard`: the set of
 * shard ids; absent for main).
 */
function planRouteShards({ routes, chunkNames, keep = ['/'] }) {
  const containers = [];
  const leaves = [];
  const main = (function walk(list) {
    const id = containers.length;
    containers.push(list);
    const kept = [];
    const mine = [];
    list.forEach((route, index) => {
      if (isLeaf(route, keep)) mine.push({ container: id, index, route });
      else kept.push({ index, route });
    });
    const keyed = mine.length > 0 && !list.some((route) => 'key' in route);
    if (keyed) leaves.push(...mine);
    return (keyed ? kept : list.map((route, index) => ({ index, route }))).map(({ index, route }) => {
      const copy = { ...route };
      if (keyed) copy.key = String(index);
      if (route.routes) copy.routes = walk(route.routes);
      return copy;
    });
  })(routes);

  const shardCount = shardCountFor(leaves.length);
  const shards = Array.from({ length: shardCount }, () => []);
  const chunkNameShard = new Map();
  for (const leaf of leaves) {
    const id = shardOfPath(leaf.route.path, shardCount);
    shards[id].push({ ...leaf, route: { ...leaf.route, key: String(leaf.index) } });
    const key = routeKey(leaf.route);
    if (key !== undefined && key in chunkNames) chunkNameShard.set(key, id);
  }

  // A registry entry used only by leaves goes to each shard holding one of
  // them (an import() in several shards is still one chunk); an entry
  // something in main uses stays in main only.
  const users = new Map();
  for (const [key, entry] of Object.entries(chunkNames)) {
    const where = chunkNameShard.has(key) ? chunkNameShard.get(key) : 'main';
    for (const name of chunkNamesOf(entry)) {
      const seen = users.get(name) ?? new Set();
      seen.add(where);
      users.set(name, seen);
    }
  }
  const registryShard = new Map([...users].filter(([, where]) => !where.has('main')));
  return { main, shards, shardCount, chunkNameShard, registryShard };
}

function quote(text) {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** One route in codegenRoutes.js's format, so lazy-routes-loader.cjs applies to it. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: ZWNJ and ZWJ are identifier characters on their own (ECMAScript IdentifierPart), not a joined sequence
const IDENTIFIER = /^[$_\p{ID_Start}][$\u200c\u200d\p{ID_Continue}]*$/u;

function serializeRoute(route, indent) {
  const inner = `${indent}  `;
  const parts = [];
  for (const [name, value] of Object.entries(route)) {
    if (name === 'component') parts.push(`component: ComponentCreator(${componentArgs(route).map(quote).join(', ')})`);
    else if (name === 'routes')
      parts.push(
        `routes: [\n${value.map((r) => `${inner}  ${serializeRoute(r, `${inner}  `)}`).join(',\n')}\n${inner}]`,
      );
    else parts.push(`${IDENTIFIER.test(name) ? name : JSON.stringify(name)}: ${JSON.stringify(value)}`);
  }
  return `{\n${parts.map((p) => inner + p).join(',\n')}\n${indent}}`;
}

function serializeTable(routes) {
  return `[\n${routes.map((r) => `  ${serializeRoute(r, '  ')}`).join(',\n')}\n]`;
}

/**
 * Registry entries of registry.js (codegenRoutes.js: `export default {`, one
 * `"name": [() => import(…), "path", require.resolveWeak("path")],` per line,
 * the last one followed by `};`) as [chunk name, entry source] pairs.
 */
function parseRegistry(source) {
  if (!source.startsWith('export default {')) throw new Error('route-shards: registry.js has an unexpected shape');
  const entries = [];
  for (const line of source.split('\n')) {
    const m = /^\s*"([^"]+)": (\[.*\]),?(?:\};)?$/.exec(line);
    if (m) entries.push([m[1], m[2]]);
  }
  const expected = source.split('": [() => import(').length - 1;
  if (entries.length !== expected)
    throw new Error(`route-shards: read ${entries.length} of ${expected} registry.js entries`);
  return entries;
}

/** registry.js without the entries that moved to shards. */
function mainRegistrySource(registry, plan) {
  const kept = registry.filter(([name]) => !plan.registryShard.has(name));
  return `export default {\n${kept.map(([name, entry]) => `  ${JSON.stringify(name)}: ${entry}`).join(',\n')}\n};\n`;
}

/** routesChunkNames.json without the entries that moved to shards. */
function mainChunkNamesSource(chunkNames, plan) {
  const out = {};
  for (const [key, entry] of Object.entries(chunkNames)) if (!plan.chunkNameShard.has(key)) out[key] = entry;
  return JSON.stringify(out);
}

/**
 * main's routes.js: the table without leaves, registered with the client
 * runtime along with the shard count, the shard function and one lazy
 * import per shard (`./routes.js?kb-shard=<id>`, handled by this loader).
 */
function mainRoutesSource(plan, { runtime, self }) {
  // Short chunk names: with named chunk ids (named-chunks.ts) the name is the id in runtime~main.js.
  const loaders = plan.shards.map(
    (_, id) => `() => import(/* webpackChunkName: "routes-${id}" */ ${JSON.stringify(`${self}?kb-shard=${id}`)})`,
  );
  return `import React from 'react';
import ComponentCreator from '@docusaurus/ComponentCreator';
import { registerRouteShards } from ${JSON.stringify(runtime)};

const routes = ${serializeTable(plan.main)};
registerRouteShards({
  table: routes,
  count: ${plan.shardCount},
  shardOf: ${shardOfPath.toString()},
  load: [${loaders.join(', ')}],
});
export default routes;
`;
}

/**
 * The docs plugins' global data (`globalData.json`) lists every doc of every
 * version (id, path, sidebar) and also goes to main.js: 7.7 KB brotli on the
 * synthetic 1,000-page site. The client reads it to find the doc being shown
 * (and its sidebar, for the navbar) and that doc in the other versions (the
 * version dropdown and banner link to it); it scans the whole list per
 * navbar item on every render. A doc whose page is a leaf moves to that
 * leaf's shard, together with its entries in the plugin's other versions, so
 * the page's shard, merged before the page renders, brings all of them. A
 * version's main doc and the docs `keepDocIds` names (navbar `doc` items,
 * looked up on every page) stay in main. Returns the main global data and
 * `shardDocs[id]` = [plugin id, version name, doc entry][].
 */
function planGlobalDocs(globalData, plan, keepDocIds = []) {
  // As the client matches a doc's path to a route: case-insensitive, with or without one trailing slash
  // (a category's index doc is '/docs/plan/' in the global data, its route '/docs/plan' with trailingSlash: false).
  const normal = (path) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).toLowerCase();
  const leafShard = new Map();
  plan.shards.forEach((leaves, id) => {
    for (const leaf of leaves) leafShard.set(normal(leaf.route.path), id);
  });
  const keepIds = new Set(keepDocIds);
  const main = JSON.parse(JSON.stringify(globalData));
  const shardDocs = plan.shards.map(() => new Map());
  for (const [pluginId, data] of Object.entries(globalData['docusaurus-plugin-content-docs'] ?? {})) {
    const versions = data.versions ?? [];
    const byId = versions.map((version) => new Map(version.docs.map((doc) => [doc.id, doc])));
    versions.forEach((version, at) => {
      main['docusaurus-plugin-content-docs'][pluginId].versions[at].docs = version.docs.filter((doc) => {
        const shard = leafShard.get(normal(doc.path));
        if (shard === undefined || doc.id === version.mainDocId || keepIds.has(doc.id)) return true;
        versions.forEach((other, i) => {
          const same = byId[i].get(doc.id);
          if (same) shardDocs[shard].set(`${pluginId}\u0000${other.name}\u0000${doc.id}`, [pluginId, other.name, same]);
        });
        return false;
      });
    });
  }
  return { main, shardDocs: shardDocs.map((docs) => [...docs.values()]) };
}

/** One shard module: its leaves, chunk names, registry entries and docs global data entries. */
function shardSource(plan, id, { chunkNames, registry, docs = [] }) {
  const leaves = plan.shards[id].map(
    (leaf) => `[${leaf.container}, ${leaf.index}, ${serializeRoute(leaf.route, '  ')}]`,
  );
  const names = {};
  for (const [key, where] of plan.chunkNameShard) if (where === id) names[key] = chunkNames[key];
  const entries = registry
    .filter(([name]) => plan.registryShard.get(name)?.has(id))
    .map(([name, entry]) => `  ${JSON.stringify(name)}: ${entry}`);
  return `import React from 'react';
import ComponentCreator from '@docusaurus/ComponentCreator';

export const leaves = [
  ${leaves.join(',\n  ')}
];
export const chunkNames = ${JSON.stringify(names)};
export const registry = {
${entries.join(',\n')}
};
export const docs = ${JSON.stringify(docs)};
`;
}

module.exports = {
  LEAVES_PER_SHARD,
  shardOfPath,
  shardCountFor,
  parseRoutes,
  routeKey,
  chunkNamesOf,
  planRouteShards,
  serializeTable,
  parseRegistry,
  mainRegistrySource,
  mainChunkNamesSource,
  mainRoutesSource,
  planGlobalDocs,
  shardSource,
};
