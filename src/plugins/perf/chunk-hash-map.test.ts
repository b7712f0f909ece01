import { describe, expect, it } from 'vitest';
import { chunkHashMapPlugin, splitChunkHashMap } from './chunk-hash-map.ts';
import { bundleTinyApp, chunkFilenameOf, webpackRequireOf } from './test-support/real-bundle.ts';

// Shaped like Rspack's minified output: runtime, main, a content chunk that
// main names, two route shards and the page chunks only they name.
const hashes = {
  '003cb420': '3dc094e5',
  a1b2c3d4: '11111111',
  e5f6a7b8: '22222222',
  '10091836': '33333333',
  'routes-0': '44444444',
  'routes-1': '55555555',
  main: '0058b4c6',
};
const runtime = `o.p="/",o.u=e=>"assets/js/"+e+"."+(${JSON.stringify(hashes).replace('"a1b2c3d4"', 'a1b2c3d4').replace('"10091836"', '0x99fd3c')})[e]+".js",o.miniCssF=e=>""+e+".css";`;
const files = new Map([
  ['assets/js/main.0058b4c6.js', 'n.e("routes-0"),n.e("routes-1"),n.e("003cb420");let s="it\'s";n.e(\'x\')'],
  [
    'assets/js/routes-0.44444444.js',
    '"use strict";(self.webpackChunk=self.webpackChunk||[]).push([["routes-0"],{1(e,n,t){t.e("a1b2c3d4"),t.e("003cb420"),t.e("10091836")}}]);',
  ],
  [
    'assets/js/routes-1.55555555.js',
    '(self.webpackChunk=self.webpackChunk||[]).push([["routes-1"],{2(e,n,t){t.e(`a1b2c3d4`),t.e(\'e5f6a7b8\')}}]);',
  ],
  ['assets/js/a1b2c3d4.11111111.js', '(self.webpackChunk=self.webpackChunk||[]).push([["a1b2c3d4"],{}]);'],
  ['assets/js/e5f6a7b8.22222222.js', '(self.webpackChunk=self.webpackChunk||[]).push([["e5f6a7b8"],{}]);'],
]);
const shardFiles = new Set(['assets/js/routes-0.44444444.js', 'assets/js/routes-1.55555555.js']);

/** Runs the runtime (and then the given shards) in one global, as a page does, and returns its `u`. */
function load(runtimeCode: string, shards: string[]): (id: string) => string {
  const self: Record<string, unknown> = {};
  const o: Record<string, unknown> = {};
  new Function('self', 'o', runtimeCode)(self, o);
  for (const code of shards) new Function('self', code)(self);
  return o.u as (id: string) => string;
}

describe('splitChunkHashMap', () => {
  const split = splitChunkHashMap(runtime, files, shardFiles)!;

  it('moves the hashes of chunks only shards name into those shards', () => {
    expect(split.moved).toBe(2);
    expect(split.runtime).not.toContain('a1b2c3d4');
    expect(split.runtime).not.toContain('e5f6a7b8');
    expect(split.shards.get('assets/js/routes-0.44444444.js')).toBe(
      `"use strict";Object.assign(self.__kbChunkHash||(self.__kbChunkHash={}),{"a1b2c3d4":"11111111"});${files.get('assets/js/routes-0.44444444.js')!.slice('"use strict";'.length)}`,
    );
    expect(split.shards.get('assets/js/routes-1.55555555.js')).toMatch(
      /^Object\.assign\(self\.__kbChunkHash\|\|\(self\.__kbChunkHash=\{\}\),\{"a1b2c3d4":"11111111","e5f6a7b8":"22222222"\}\);\(self\.webpackChunk/,
    );
  });

  it('keeps in the runtime what main names, the shards themselves and all-digit ids', () => {
    for (const id of ['003cb420', '10091836', 'routes-0', 'routes-1', 'main'])
      expect(split.runtime).toContain(`"${id}"`);
  });

  it('gives every chunk the same file name once its shard has run, in either order', () => {
    const original = load(runtime, []);
    const after = load(split.runtime, [...split.shards.values()]);
    for (const id of Object.keys(hashes)) expect(after(id)).toBe(original(id));
    const shardFirst = (() => {
      const self: Record<string, unknown> = {};
      const o: Record<string, unknown> = {};
      for (const code of split.shards.values()) new Function('self', code)(self);
      new Function('self', 'o', split.runtime)(self, o);
      return o.u as (id: string) => string;
    })();
    expect(shardFirst('e5f6a7b8')).toBe(original('e5f6a7b8'));
  });

  it('builds the map once, not on every call', () => {
    expect(split.runtime).toMatch(
      /^o\.p="\/",o\.u=\(kbChunkHash=>e=>"assets\/js\/"\+e\+"\."\+kbChunkHash\[e\]\+"\.js"\)\(Object\.assign\(/,
    );
    expect(split.runtime.endsWith(',o.miniCssF=e=>""+e+".css";')).toBe(true);
  });

  it('is undefined when the function has another shape', () => {
    expect(splitChunkHashMap('o.u=e=>"assets/js/"+e+".js"', files, shardFiles)).toBeUndefined();
    expect(splitChunkHashMap('', files, shardFiles)).toBeUndefined();
  });
});

describe('chunkHashMapPlugin', () => {
  const compiler = (minimize: boolean | undefined) => {
    const tapped: string[] = [];
    return {
      tapped,
      options: { optimization: { minimize } },
      webpack: { Compilation: { PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE: 700 }, sources: { RawSource: class {} } },
      hooks: { thisCompilation: { tap: (name: string) => tapped.push(name) } },
    };
  };

  it('rewrites minified builds only: `build --no-minify` keeps the runtime as the bundler wrote it', () => {
    const minified = compiler(true);
    const plain = compiler(false);
    chunkHashMapPlugin.apply(minified);
    chunkHashMapPlugin.apply(plain);
    expect(minified.tapped).toEqual(['kb-chunk-hash-map']);
    expect(plain.tapped).toEqual([]);
  });
});

// The installed bundlers' real runtime: webpack (Faster off) and Rspack write `__webpack_require__.u` differently.
describe.each(['webpack', 'rspack'] as const)('chunkHashMapPlugin on %s output', (bundler) => {
  it('moves the page chunk hash into its shard, and every chunk still resolves to its emitted file', async () => {
    const stockFiles = await bundleTinyApp(bundler);
    const after = await bundleTinyApp(bundler, [chunkHashMapPlugin]);
    const runtimeOf = (files: Map<string, string>) =>
      [...files].find(([name]) => /runtime~main\.[0-9a-f]+\.js$/.test(name))!;
    const [, runtime] = runtimeOf(after);
    const shard = [...after].find(([name]) => /\/routes-0\./.test(name))!;
    // Stock: the runtime alone names every chunk's file.
    const stockU = chunkFilenameOf(runtimeOf(stockFiles)[1]);
    for (const name of stockFiles.keys()) {
      const id = /assets\/js\/(.+)\.[0-9a-f]{8}\.js$/.exec(name)![1]!;
      if (id !== 'main' && !id.startsWith('runtime~')) expect(stockU(id)).toBe(name);
    }
    // Rewritten: the page only the shard loads is unknown to the runtime until the shard has run…
    expect(chunkFilenameOf(runtime)('c3d4e5f6')).toContain('undefined');
    expect(shard[1]).toContain('Object.assign(self.__kbChunkHash');
    // …and then every async chunk resolves to the file the bundler emitted (after its real content hash).
    const u = chunkFilenameOf(runtime, [shard[1]]);
    const ids = [...after.keys()].map((name) => /assets\/js\/(.+)\.[0-9a-f]{8}\.js$/.exec(name)![1]!);
    expect(ids.sort()).toEqual(['a1b2c3d4', 'c3d4e5f6', 'main', 'routes-0', 'runtime~main']);
    for (const name of after.keys()) {
      const id = /assets\/js\/(.+)\.[0-9a-f]{8}\.js$/.exec(name)![1]!;
      if (id !== 'main' && !id.startsWith('runtime~')) expect(u(id)).toBe(name);
    }
  }, 120_000);

  it('has the script loader client/spread-chunk-loads.ts wraps (__webpack_require__.l)', async () => {
    const files = await bundleTinyApp(bundler);
    const runtime = [...files].find(([name]) => /runtime~main\.[0-9a-f]+\.js$/.test(name))![1];
    const req = webpackRequireOf(runtime);
    expect(typeof req.l).toBe('function');
    expect((req.l as (...args: unknown[]) => unknown).length).toBe(4); // (url, done, key, chunkId)
  }, 120_000);
});
