/**
 * webpack/Rspack's chunk filename function in runtime~main.js,
 * `__webpack_require__.u`, is generated as
 * `e => "assets/js/" + e + "." + ({"<id>": "<hash>", …})[e] + ".js"`: an
 * object literal with one entry per async chunk, built anew on every call.
 * A page load calls it once per chunk it loads, and the idle prefetch once
 * per link; on the synthetic 1,000-page site (1,100 entries) that was ~33 ms
 * of a mobile page load under Lighthouse's CPU throttling. The map is built
 * once instead: `(m => e => "assets/js/" + e + "." + m[e] + ".js")({…})`.
 *
 * The rewrite runs on the minified runtime (processAssets, after
 * minification), is a pure function of its content (so the file's content
 * hash in its name still identifies it), and fails the build if the function
 * is not found in that shape, so a bundler upgrade cannot silently undo it.
 */
const CHUNK_FILENAME = /\.u=(\w+)=>("[^"\\]*"\+\1\+"\."\+)\((\{[^{}]*\})\)\[\1\]\+"\.js"/;

/** The runtime with its chunk hash map built once, or undefined if the function is not in the expected shape. */
export function hoistChunkHashMap(code: string): string | undefined {
  const match = CHUNK_FILENAME.exec(code);
  if (!match) return undefined;
  const [whole, arg, prefix, map] = match as unknown as [string, string, string, string];
  return code.replace(whole, () => `.u=(kbChunkHash=>${arg}=>${prefix}kbChunkHash[${arg}]+".js")(${map})`);
}

interface Source {
  source(): string | Buffer;
}
interface Compilation {
  hooks: { processAssets: { tap(options: { name: string; stage: number }, fn: (assets: Record<string, Source>) => void): void } };
  updateAsset(name: string, source: unknown): void;
}
interface Compiler {
  webpack: { Compilation: { PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE: number }; sources: { RawSource: new (code: string) => unknown } };
  hooks: { thisCompilation: { tap(name: string, fn: (compilation: Compilation) => void): void } };
}

const NAME = 'kb-hoist-chunk-map';
const RUNTIME = /(^|\/)runtime~main\.[0-9a-f]+\.js$/;

/** Client production build: rewrites runtime~main.js as above. */
export const hoistChunkMapPlugin = {
  apply(compiler: Compiler) {
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: NAME, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, (assets) => {
        for (const [name, asset] of Object.entries(assets)) {
          if (!RUNTIME.test(name)) continue;
          const hoisted = hoistChunkHashMap(asset.source().toString());
          if (hoisted === undefined) throw new Error(`perf (hoist-chunk-map.ts): ${name} has no chunk filename function of the expected shape; check the bundler's output after an upgrade`);
          compilation.updateAsset(name, new compiler.webpack.sources.RawSource(hoisted));
        }
      });
    });
  },
};
