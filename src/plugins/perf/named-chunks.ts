/**
 * The runtime chunk (runtime~main.js) loads on every page and carries, for
 * every async chunk of the site, up to three maps: chunk id → name and chunk
 * id → content hash (webpack's `__webpack_require__.u`, for
 * `[name].[contenthash:8].js`), and Docusaurus's ChunkAssetPlugin name → id
 * (`__webpack_require__.gca`, used by prefetch). With chunk ids equal to
 * chunk names (`optimization.chunkIds: 'named'`; Docusaurus names route
 * chunks with 8 hex digits), the id → name map goes, and so does the
 * name → id one: `gca(name)` is `u(name)`. Only the content hashes remain, so
 * every chunk keeps its own long-term cache key.
 */
import { createRequire } from 'node:module';
import type { Configuration } from 'webpack';

const ledger = createRequire(import.meta.url)('./ledger.cjs') as { record(name: string, applied: boolean): void };

interface Bundler {
  instance: {
    RuntimeModule: new (name: string, stage?: number) => { chunk?: unknown; generate(): string };
    RuntimeGlobals: { publicPath: string; getChunkScriptFilename: string };
  };
}
interface Compilation {
  hooks: {
    additionalTreeRuntimeRequirements: { tap(name: string, fn: (chunk: unknown, set: Set<string>) => void): void };
  };
  addRuntimeModule(chunk: unknown, module: unknown): void;
}
interface Compiler {
  hooks: { thisCompilation: { tap(name: string, fn: (compilation: Compilation) => void): void } };
}

const NAME = 'kb-named-chunk-asset';

/** ChunkAssetPlugin without its name → id map (chunk ids are names). */
function namedChunkAssetPlugin(bundler: Bundler) {
  const { RuntimeModule, RuntimeGlobals } = bundler.instance;
  class NamedChunkAssetRuntimeModule extends RuntimeModule {
    constructor() {
      super('NamedChunkAssetRuntimeModule', (RuntimeModule as unknown as { STAGE_ATTACH?: number }).STAGE_ATTACH ?? 10);
    }
    override generate(): string {
      ledger.record('named-chunk-asset', true);
      return `__webpack_require__.gca = function(chunkId) { return ${RuntimeGlobals.publicPath} + ${RuntimeGlobals.getChunkScriptFilename}(chunkId); };`;
    }
  }
  return {
    apply(compiler: Compiler) {
      compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
        compilation.hooks.additionalTreeRuntimeRequirements.tap(NAME, (chunk, requirements) => {
          requirements.add(RuntimeGlobals.publicPath);
          requirements.add(RuntimeGlobals.getChunkScriptFilename);
          compilation.addRuntimeModule(chunk, new NamedChunkAssetRuntimeModule());
        });
      });
    },
  };
}

/** Client config: chunk ids = names, and Docusaurus's ChunkAssetPlugin swapped for the lean one. */
export function applyNamedChunkIds(config: Configuration, bundler: Bundler): Configuration {
  const at = (config.plugins ?? []).findIndex((p) => p?.constructor?.name === 'ChunkAssetPlugin');
  if (at < 0)
    throw new Error(
      'perf: Docusaurus ChunkAssetPlugin not found in the client config; named chunk ids need its replacement',
    );
  config.plugins!.splice(at, 1, namedChunkAssetPlugin(bundler) as never);
  return { optimization: { chunkIds: 'named' } };
}
