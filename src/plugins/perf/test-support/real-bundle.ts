/**
 * Test support: builds a tiny app with the installed bundlers (webpack, and
 * Rspack from @docusaurus/faster) the way Docusaurus builds its client
 * (runtime chunk, `assets/js/[name].[contenthash:8].js`, Docusaurus's own
 * minimizers, production mode), so tests of rewrites on bundler output read
 * what the installed bundler really writes. The app: main lazily loads a
 * route chunk and a route shard (`routes-0`), the shard lazily loads a page.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(import.meta.url));

export type BundlerName = 'webpack' | 'rspack';

const SOURCES: Record<string, string> = {
  'entry.js': `window.kb = [() => import(/* webpackChunkName: "a1b2c3d4" */ './a.js'), () => import(/* webpackChunkName: "routes-0" */ './shard.js')];`,
  'shard.js': `export const page = () => import(/* webpackChunkName: "c3d4e5f6" */ './p.js');`,
  'a.js': `export default 'page a';`,
  'p.js': `export default 'page p';`,
};

type BundlerLike = (options: unknown) => {
  run(cb: (err: Error | null, stats?: { hasErrors(): boolean; toString(o?: unknown): string }) => void): void;
  close(cb: () => void): void;
};

/** Builds the app (or `sources`: file → code, with an entry.js) with `plugins` added (or made for the app's temp folder); returns the emitted JS files (path under the output dir → code). */
export async function bundleTinyApp(
  bundler: BundlerName,
  plugins: unknown[] | ((dir: string) => unknown[]) = [],
  sources: Record<string, string> = SOURCES,
): Promise<Map<string, string>> {
  const dir = await mkdtemp(path.join(tmpdir(), `kb-perf-${bundler}-`));
  for (const [name, code] of Object.entries(sources)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), code);
  }
  const instance = (bundler === 'rspack' ? require('@rspack/core') : require('webpack')) as BundlerLike;
  const { getMinimizers } = require('@docusaurus/bundler') as {
    getMinimizers(p: { faster: Record<string, boolean>; currentBundler: unknown }): Promise<unknown[]>;
  };
  const faster = bundler === 'rspack';
  const minimizer = await getMinimizers({
    faster: { swcJsMinimizer: faster, lightningCssMinimizer: faster },
    currentBundler: { name: bundler, instance },
  });
  try {
    return await build(dir, instance, minimizer, plugins);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function build(
  dir: string,
  instance: BundlerLike,
  minimizer: unknown[],
  plugins: unknown[] | ((dir: string) => unknown[]),
): Promise<Map<string, string>> {
  const out = path.join(dir, 'out');
  const compiler = instance({
    mode: 'production',
    context: dir,
    entry: { main: './entry.js' },
    output: {
      path: out,
      publicPath: '/',
      filename: 'assets/js/[name].[contenthash:8].js',
      chunkFilename: 'assets/js/[name].[contenthash:8].js',
    },
    optimization: { runtimeChunk: true, chunkIds: 'named', minimize: true, minimizer },
    target: 'web',
    devtool: false,
    plugins: typeof plugins === 'function' ? plugins(dir) : plugins,
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => {
      compiler.close(() => {});
      if (err) reject(err);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    }),
  );
  await mkdir(path.join(out, 'assets/js'), { recursive: true });
  const files = new Map<string, string>();
  for (const name of await readdir(path.join(out, 'assets/js')))
    files.set(`assets/js/${name}`, await readFile(path.join(out, 'assets/js', name), 'utf8'));
  return files;
}

/**
 * Runs runtime~main.js (then the given scripts) in one global, as a page does,
 * and returns the runtime's chunk filename function `__webpack_require__.u`:
 * a chunk pushed with a runtime callback is handed `__webpack_require__`.
 */
export function chunkFilenameOf(runtime: string, scripts: string[] = []): (id: string) => string {
  const req = webpackRequireOf(runtime, scripts);
  return (id) => req.u(id);
}

/** The runtime's `__webpack_require__` (see chunkFilenameOf). */
export function webpackRequireOf(runtime: string, scripts: string[] = []): { u(id: string): string; l?: unknown } {
  const self: Record<string, unknown> = {};
  new Function('self', runtime)(self);
  for (const code of scripts) new Function('self', code)(self);
  let req: { u(id: string): string; l?: unknown } | undefined;
  (self.webpackChunk as unknown[][]).push([['kb-probe'], {}, (r: { u(id: string): string }) => (req = r)]);
  if (!req) throw new Error('the runtime did not hand __webpack_require__ to a pushed chunk');
  return req;
}
