import { describe, expect, it } from 'vitest';
import { createRouteShards, type ShardModule, type ShardRoute } from './client/shard-merge.ts';
import {
  buildShards,
  creator,
  type Doc,
  evaluate,
  type GlobalData,
  plain,
  shards,
} from './test-support/shards-harness.ts';

// A table in the shape @docusaurus/core 3.10 writes (codegenRoutes.js): a page
// and blog posts at the top level, a docs plugin root → version → tags + sidebar root → docs.
const docs = Array.from({ length: 120 }, (_, i) => `/docs/page-${i}`);
const posts = Array.from({ length: 30 }, (_, i) => `/reports/post-${i}`);
const hashOf = (p: string) => (p.length * 7919).toString(16).slice(-3);
const leaf = (p: string, extra = '') => `{
    path: '${p}',
    component: ComponentCreator('${p}', '${hashOf(p)}'),
    exact: true${extra}
  }`;
const routesSource = `import React from 'react';
import ComponentCreator from '@docusaurus/ComponentCreator';

export default [
  ${leaf('/')},
  ${posts.map((p) => leaf(p)).join(',\n  ')},
  ${leaf('/reports/tags/:tag')},
  {
    path: '/docs',
    component: ComponentCreator('/docs', 'd01'),
    routes: [
      {
        path: '/docs',
        component: ComponentCreator('/docs', 'd02'),
        routes: [
          ${leaf('/docs/tags')},
          {
            path: '/docs',
            component: ComponentCreator('/docs', 'd03'),
            routes: [
              ${docs.map((p) => leaf(p, ',\n    sidebar: "docs"')).join(',\n              ')}
            ]
          }
        ]
      }
    ]
  },
  {
    path: '*',
    component: ComponentCreator('*'),
  },
];
`;

const every = ['/', ...posts, '/reports/tags/:tag', '/docs', '/docs', '/docs/tags', '/docs', ...docs];
const chunkNames: Record<string, unknown> = {};
const registryLines: string[] = [];
const register = (name: string) =>
  registryLines.push(
    `  "${name}": [() => import(/* webpackChunkName: "${name}" */ "@site/${name}.md"), "@site/${name}.md", require.resolveWeak("@site/${name}.md")],`,
  );
for (const p of new Set(every)) {
  const own = `content${p.replace(/\W/g, '_')}`;
  register(own);
  chunkNames[`${p}-${hashOf(p)}`] = {
    __comp: 'shared-comp',
    content: own,
    __props: p === '/docs/page-1' ? 'shared-by-two' : undefined,
  };
}
chunkNames[`/docs/page-2-${hashOf('/docs/page-2')}`] = {
  __comp: 'shared-comp',
  content: 'content_docs_page_2',
  nested: { items: ['shared-by-two'] },
};
register('shared-comp');
register('shared-by-two');
// As codegen writes it: the closing brace on the last entry's line.
const registrySource = `export default {\n${registryLines.join('\n')}};\n`;
const chunkNamesJson: Record<string, unknown> = JSON.parse(JSON.stringify(chunkNames));

function build() {
  return buildShards({ routes: routesSource, registry: registrySource, chunkNames: chunkNamesJson });
}

describe('route shards: the plan', () => {
  it('takes out exactly the leaves: exact, no parameter, no sub-routes, not the home page', () => {
    const { plan } = build();
    const moved = plan.shards
      .flat()
      .map((l) => l.route.path)
      .sort();
    expect(moved).toEqual([...posts, '/docs/tags', ...docs].sort());
  });

  it('keeps containers, parameter routes, the home page and * in main', () => {
    const { main } = build();
    expect(main.map((r) => r.path)).toEqual(['/', '/reports/tags/:tag', '/docs', '*']);
    expect(main[2]!.routes![0]!.routes![0]!.routes).toEqual([]);
  });

  it('sizes shards at ~45 leaves and assigns each leaf by its path hash', () => {
    const { plan } = build();
    expect(plan.shardCount).toBe(shards.shardCountFor(151));
    expect(plan.shardCount).toBe(3);
    for (const [id, list] of plan.shards.entries())
      for (const l of list) expect(shards.shardOfPath(l.route.path as string, plan.shardCount)).toBe(id);
    expect(shards.shardCountFor(0)).toBe(1);
    expect(shards.shardCountFor(1000)).toBe(22);
  });

  it('hashes a path the same with or without one trailing slash and in any case', () => {
    expect(shards.shardOfPath('/docs/Page-3/', 7)).toBe(shards.shardOfPath('/docs/page-3', 7));
    expect(shards.shardOfPath('/', 7)).toBe(shards.shardOfPath('/', 7));
  });

  it('moves a registry entry to the shards of the leaves using it, unless main uses it', () => {
    const { plan } = build();
    const a = shards.shardOfPath('/docs/page-1', plan.shardCount);
    const b = shards.shardOfPath('/docs/page-2', plan.shardCount);
    expect(a).not.toBe(b);
    expect(plan.registryShard.get('shared-by-two')).toEqual(new Set([a, b]));
    expect(plan.registryShard.has('shared-comp')).toBe(false); // the containers use it too
    expect(plan.registryShard.get('content_docs_page_7')).toEqual(
      new Set([shards.shardOfPath('/docs/page-7', plan.shardCount)]),
    );
    expect(plan.registryShard.has('content_docs')).toBe(false);
    expect(plan.registryShard.has('content_')).toBe(false);
  });

  it('partitions routesChunkNames (main or one shard) and the registry (main, or the shards that use it)', () => {
    const { plan, shardModules, liveChunkNames, liveRegistry } = build();
    const chunkKeys = [Object.keys(liveChunkNames), ...shardModules.map((s) => Object.keys(s.chunkNames))].flat();
    expect(chunkKeys.sort()).toEqual(Object.keys(chunkNamesJson).sort());
    expect(plan.chunkNameShard.size).toBe(151);
    const all = shards.parseRegistry(registrySource).map(([n]) => n);
    const inMain = new Set(Object.keys(liveRegistry));
    for (const name of all) {
      const holders = shardModules.flatMap((s, id) => (name in s.registry ? [id] : []));
      if (inMain.has(name)) expect(holders, name).toEqual([]);
      else expect(new Set(holders), name).toEqual(plan.registryShard.get(name));
    }
    // Every chunk name a shard's leaves use is in main or in that shard.
    shardModules.forEach((shard) => {
      for (const entry of Object.values(shard.chunkNames))
        for (const name of Object.values(entry as Record<string, unknown>).flatMap((v) =>
          typeof v === 'string' ? [v] : Object.values(v as object).flat(),
        ))
          expect(inMain.has(name as string) || name in shard.registry, String(name)).toBe(true);
    });
  });
});

describe('route shards: the client merge', () => {
  it('reproduces the original table, chunk names and registry once every shard is merged, in any order', async () => {
    const original = shards.parseRoutes(routesSource);
    for (const order of [
      [0, 1, 2],
      [2, 0, 1],
      [1, 2, 0],
    ]) {
      const { main, runtime, shardModules, liveChunkNames, liveRegistry } = build();
      for (const id of order) runtime.merge(shardModules[id]!);
      expect(plain(main)).toEqual(
        plain(evaluate<{ default: unknown }>(routesSource, { ComponentCreator: creator }).default),
      );
      expect(main.map((r) => r.path)).toEqual(original.map((r) => r.path));
      expect(liveChunkNames).toEqual(chunkNamesJson);
      expect(Object.keys(liveRegistry).sort()).toEqual(
        shards
          .parseRegistry(registrySource)
          .map(([n]) => n)
          .sort(),
      );
    }
  });

  it('gives every route of a container that takes leaves a stable, unique key', async () => {
    const { main, runtime, shardModules } = build();
    for (const shard of shardModules) runtime.merge(shard);
    const docList = docsOf(main);
    expect(docList.map((r) => r.key)).toEqual(docs.map((_, i) => String(i)));
    expect(main.map((r) => r.key)).toEqual(original().map((_, i) => String(i)));
  });

  it('loads the shard of a pathname once, for concurrent and repeated calls, and merges it once', async () => {
    const { main, registered } = build();
    let loads = 0;
    const load = registered.load.map((f) => () => {
      loads++;
      return f();
    });
    const { createRouteShards: create } = await import('./client/shard-merge.ts');
    const live = create({ ...registered, load, chunkNames: {}, registry: {} });
    await Promise.all([live.loadFor('/docs/page-5'), live.loadFor('/docs/page-5/'), live.loadFor('/docs/page-5')]);
    await live.loadFor('/docs/page-5');
    expect(loads).toBe(1);
    const docList = docsOf(main);
    expect(docList.filter((r) => r.path === '/docs/page-5')).toHaveLength(1);
    // Merged at its original place among the docs.
    expect(docList.findIndex((r) => r.path === '/docs/page-5')).toBe(
      docList.findIndex((r) => Number(r.key) > docs.indexOf('/docs/page-5')) - 1,
    );
  });

  it('says which shards a pathname still needs, and none once they are merged', async () => {
    const { registered } = build();
    const { createRouteShards: create } = await import('./client/shard-merge.ts');
    const live = create({ ...registered, chunkNames: {}, registry: {} });
    const needed = live.missingFor('/docs/page-5');
    expect(needed.length).toBeGreaterThan(0);
    expect(live.missingFor('/docs/page-5/')).toEqual(needed);
    await live.loadFor('/docs/page-5');
    expect(live.missingFor('/docs/page-5')).toEqual([]);
  });

  it('tries again after a shard failed to load', async () => {
    const { registered } = build();
    const { createRouteShards: create } = await import('./client/shard-merge.ts');
    let fail = true;
    const load = registered.load.map((f) => () => (fail ? Promise.reject(new Error('offline')) : f()));
    const live = create({ ...registered, load, chunkNames: {}, registry: {} });
    await expect(live.loadFor('/reports/post-1')).rejects.toThrow('offline');
    fail = false;
    await expect(live.loadFor('/reports/post-1')).resolves.toBeUndefined();
  });
});

/** The sidebar root's list of docs: /docs → version → sidebar root. */
function docsOf(table: ShardRoute[]): ShardRoute[] {
  return table.find((r) => r.path === '/docs')!.routes![0]!.routes!.find((r) => r.path === '/docs')!.routes!;
}

function original() {
  return shards.parseRoutes(routesSource);
}

describe('route shards: candidate paths', () => {
  it('tries a pathname as given, decoded and without .html, like preload and normalizeLocation', async () => {
    const { candidatePaths } = await import('./client/shard-merge.ts');
    expect(candidatePaths('/docs/a')).toEqual(['/docs/a']);
    expect(candidatePaths('/docs/caf%C3%A9')).toEqual(['/docs/caf%C3%A9', '/docs/café']);
    expect(candidatePaths('/docs/a/index.html')).toEqual(['/docs/a/index.html', '/docs/a']);
    expect(candidatePaths('/docs/%E0%A4%A')).toEqual(['/docs/%E0%A4%A']);
  });
});

describe('route shards: the docs global data', () => {
  // Two versions of one docs plugin; their doc pages only need to be leaves of the table above.
  const doc = (id: string, path: string): Doc => ({ id, path, sidebar: 'docs' });
  const globalData: GlobalData = {
    'docusaurus-plugin-content-docs': {
      default: {
        path: '/docs',
        versions: [
          // page-3 as a category's index doc is in the global data: with a trailing slash its route does not have.
          { name: 'current', mainDocId: 'page-0', docs: docs.map((p, i) => doc(`page-${i}`, i === 3 ? `${p}/` : p)) },
          {
            name: 'old',
            mainDocId: 'page-0',
            docs: posts.map((p, i) => doc(`page-${i * 4}`, p)).concat(doc('only-old', '/docs')),
          },
        ],
      },
    },
  };
  const setup = (keepDocIds: string[] = []) => {
    const plan = shards.planRouteShards({ routes: shards.parseRoutes(routesSource), chunkNames: chunkNamesJson });
    const { main, shardDocs } = shards.planGlobalDocs(globalData, plan, keepDocIds);
    const registry = shards.parseRegistry(registrySource);
    const shardModules = plan.shards.map((_, id) =>
      evaluate<ShardModule>(
        shards.shardSource(plan, id, { chunkNames: chunkNamesJson, registry, docs: shardDocs[id] }),
        { ComponentCreator: creator },
      ),
    );
    const docsData = main['docusaurus-plugin-content-docs']!;
    const runtime = createRouteShards({
      table: plan.main,
      count: plan.shardCount,
      shardOf: shards.shardOfPath,
      load: shardModules.map((m) => () => Promise.resolve(m)),
      chunkNames: {},
      registry: {},
      docsData,
    });
    return { main, docsData, runtime };
  };
  const ids = (data: GlobalData[string], version: number) =>
    data.default!.versions[version]!.docs.map((d) => d.id).sort();

  it('keeps in main the main doc, the docs the navbar names and docs that are not leaf pages', () => {
    const { docsData } = setup(['page-7']);
    expect(ids(docsData, 0)).toEqual(['page-0', 'page-7']);
    expect(ids(docsData, 1)).toEqual(['only-old', 'page-0']);
    // The input is not changed: the server bundle renders from the full data.
    expect(globalData['docusaurus-plugin-content-docs']!.default!.versions[0]!.docs).toHaveLength(120);
  });

  it('brings a page its own doc and the same doc in every other version with its shard', async () => {
    const { docsData, runtime } = setup();
    await runtime.loadFor('/docs/page-8');
    const current = docsData.default!.versions[0]!.docs;
    const old = docsData.default!.versions[1]!.docs;
    expect(current.find((d) => d.path === '/docs/page-8')).toEqual(doc('page-8', '/docs/page-8'));
    await runtime.loadFor('/docs/page-3');
    expect(current.find((d) => d.id === 'page-3')).toEqual(doc('page-3', '/docs/page-3/'));
    expect(old.find((d) => d.id === 'page-8')).toEqual(doc('page-8', posts[2]!));
  });

  it("gives back every version's full list once every shard is merged, each doc once", async () => {
    const { docsData, runtime } = setup();
    for (const p of [...docs, ...posts]) await runtime.loadFor(p);
    for (const version of [0, 1]) {
      expect(ids(docsData, version)).toEqual(
        globalData['docusaurus-plugin-content-docs']!.default!.versions[version]!.docs.map((d) => d.id).sort(),
      );
    }
  });
});
