/**
 * runtime~main.js loads on every page, and its chunk filename function,
 * `__webpack_require__.u`, is generated as
 * `e => "assets/js/" + e + "." + ({"<id>": "<hash>", …})[e] + ".js"` (Rspack's
 * SWC minifier; webpack's Terser drops the parentheses and quotes keys only
 * where it must): one
 * entry per async chunk of the site, so it grows with every page (1,400
 * entries, 14 KB brotli on the synthetic 1,000-page site), and the object
 * literal is built anew on every call (~33 ms of a mobile page load there).
 * Two rewrites, on the minified output:
 *
 * 1. The map is built once: `(m => e => "assets/js/" + e + "." + m[e] + ".js")(…)`.
 * 2. A chunk that only route shards load (a page's content; see route-shards.cjs)
 *    has its hash moved out of the runtime into those shards: each shard
 *    starts with `Object.assign(self.__kbChunkHash, {…its chunks…})`, and the
 *    runtime's map is that same object. A shard runs before any of its
 *    `import()`s can, so the hash is there whenever the runtime needs it.
 *    A chunk named anywhere else (main.js, another chunk) keeps its entry in
 *    the runtime, and so does a chunk whose id is all digits (the minifier may
 *    write it as a number, which the scan below does not look for).
 *
 * Both run at processAssets' OPTIMIZE_INLINE stage, before Rspack's
 * realContentHash (OPTIMIZE_HASH) renames each changed file after its final
 * content and rewrites the runtime's entry for it: a shard that now carries a
 * page's hash gets a new name whenever that page changes, so long-term
 * caching stays correct. The build fails if the function is not in the
 * expected shape, so a bundler upgrade cannot silently undo either rewrite.
 */
import { createRequire } from 'node:module';
import vm from 'node:vm';

const ledger = createRequire(import.meta.url)('./ledger.cjs') as { record(name: string, applied: boolean): void };

/** Both bundlers' minified shape: Rspack wraps the object literal in parentheses, webpack (Terser) does not. */
const CHUNK_FILENAME = /\.u=(\w+)=>("([^"\\]*)"\+\1\+"\."\+)(?:\((\{[^{}]*\})\)|(\{[^{}]*\}))\[\1\]\+"\.js"/;
/** The global both the runtime and the shards write the chunk hashes into. */
const GLOBAL = 'self.__kbChunkHash';
const SHARED_MAP = `Object.assign(${GLOBAL}||(${GLOBAL}={}),`;

/** Every string in `code` written between two equal quote characters with no quote inside, that is a key of `ids`. */
function quotedIds(code: string, ids: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (let at = 0; at < code.length; at++) {
    const quote = code[at];
    if (quote !== '"' && quote !== "'" && quote !== '`') continue;
    const end = code.indexOf(quote, at + 1);
    if (end < 0) continue;
    // An id is short: skip the scan of long strings but not their closing quote (the next iteration starts there).
    if (end - at - 1 <= 300) {
      const text = code.slice(at + 1, end);
      if (ids.has(text)) found.add(text);
    }
  }
  return found;
}

export interface SplitChunkHashes {
  runtime: string;
  /** The new code of each shard file that gained hashes. */
  shards: Map<string, string>;
  /** How many hashes left the runtime. */
  moved: number;
}

/**
 * Both rewrites above. `files` holds every other JS file of the build (name →
 * code); `shardFiles` names those that are route shards. Undefined if the
 * runtime's function is not in the expected shape.
 */
export function splitChunkHashMap(
  runtime: string,
  files: ReadonlyMap<string, string>,
  shardFiles: ReadonlySet<string>,
): SplitChunkHashes | undefined {
  const match = CHUNK_FILENAME.exec(runtime);
  if (!match) return undefined;
  const [whole, arg, prefix, dir, wrapped, bare] = match as unknown as [
    string,
    string,
    string,
    string,
    string?,
    string?,
  ];
  const literal = wrapped ?? bare!;
  const hashes = vm.runInNewContext(`(${literal})`) as Record<string, string>;
  const ids = new Set(Object.keys(hashes));
  const ownFile = new Map([...ids].map((id) => [`${dir}${id}.${hashes[id]}.js`, id]));

  const inShards = new Map<string, Set<string>>();
  const elsewhere = new Set<string>();
  for (const [file, code] of files) {
    const own = ownFile.get(file);
    for (const id of quotedIds(code, ids)) {
      if (id === own) continue;
      if (shardFiles.has(file)) inShards.set(file, (inShards.get(file) ?? new Set()).add(id));
      else elsewhere.add(id);
    }
  }
  const shardIds = new Set([...ownFile].filter(([file]) => shardFiles.has(file)).map(([, id]) => id));
  const movable = (id: string) => !elsewhere.has(id) && !shardIds.has(id) && !/^\d+$/.test(id);

  const kept: Record<string, string> = { ...hashes };
  const shards = new Map<string, string>();
  for (const [file, referenced] of inShards) {
    const carried: Record<string, string> = {};
    for (const id of [...referenced].sort()) {
      if (!movable(id)) continue;
      carried[id] = hashes[id]!;
      delete kept[id];
    }
    if (Object.keys(carried).length === 0) continue;
    const code = files.get(file)!;
    const prologue = /^("use strict"|'use strict');?/.exec(code)?.[0] ?? '';
    shards.set(file, `${prologue}${SHARED_MAP}${JSON.stringify(carried)});${code.slice(prologue.length)}`);
  }
  const moved = ids.size - Object.keys(kept).length;
  const rewritten = `.u=(kbChunkHash=>${arg}=>${prefix}kbChunkHash[${arg}]+".js")(${SHARED_MAP}${JSON.stringify(kept)}))`;
  return { runtime: runtime.replace(whole, () => rewritten), shards, moved };
}

interface Source {
  source(): string | Buffer;
}
interface Chunk {
  name?: string | null;
  files: Iterable<string>;
}
interface Compilation {
  hooks: {
    processAssets: {
      tap(options: { name: string; stage: number }, fn: (assets: Record<string, Source>) => void): void;
    };
  };
  chunks: Iterable<Chunk>;
  updateAsset(name: string, source: unknown): void;
}
interface Compiler {
  options: { optimization?: { minimize?: boolean } };
  webpack: {
    Compilation: { PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE: number };
    sources: { RawSource: new (code: string) => unknown };
  };
  hooks: { thisCompilation: { tap(name: string, fn: (compilation: Compilation) => void): void } };
}

const NAME = 'kb-chunk-hash-map';
const RUNTIME = /(^|\/)runtime~main\.[0-9a-f]+\.js$/;
/** Route shards are named by route-shards.cjs's `webpackChunkName: "routes-<n>"`. */
const SHARD_CHUNK = /^routes-\d+$/;

/**
 * Client production build: rewrites runtime~main.js and the route shards as
 * above. Not without minification (`docusaurus build --no-minify`, for
 * debugging): the runtime is then written in another shape, and keeps its
 * whole map, which is correct, only larger.
 */
export const chunkHashMapPlugin = {
  apply(compiler: Compiler) {
    if (compiler.options.optimization?.minimize === false) return;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: NAME, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        (assets) => {
          const runtimeName = Object.keys(assets).find((name) => RUNTIME.test(name));
          if (runtimeName === undefined)
            throw new Error(
              'perf (chunk-hash-map.ts): no runtime~main.js in the client build; check optimization.runtimeChunk after an upgrade',
            );
          const shardFiles = new Set<string>();
          for (const chunk of compilation.chunks)
            if (chunk.name && SHARD_CHUNK.test(chunk.name))
              for (const file of chunk.files) if (file.endsWith('.js')) shardFiles.add(file);
          const files = new Map<string, string>();
          for (const [name, asset] of Object.entries(assets))
            if (name.endsWith('.js') && name !== runtimeName) files.set(name, asset.source().toString());
          const split = splitChunkHashMap(assets[runtimeName]!.source().toString(), files, shardFiles);
          ledger.record('chunk-hash-map', split !== undefined);
          if (split === undefined)
            throw new Error(
              `perf (chunk-hash-map.ts): ${runtimeName} has no chunk filename function of the expected shape; check the bundler's output after an upgrade`,
            );
          const { RawSource } = compiler.webpack.sources;
          compilation.updateAsset(runtimeName, new RawSource(split.runtime));
          for (const [file, code] of split.shards) compilation.updateAsset(file, new RawSource(code));
        },
      );
    });
  },
};
