/**
 * Work a plugin can do while the bundler runs instead of in postBuild: ai-readable's 10,000 mirror files of
 * a long benchmark history. Creating a file is a system call (kernel time in the writer threads, see
 * src/plugins/write-in-threads.ts), and it overlaps rspack's work; the main thread itself sat idle for ~13
 * of the build's 36 s (--cpu-prof, bench:history). CPU work gains less: a cold rspack build keeps both cores
 * busy. Through the public API only: `configureWebpack` returns a bundler plugin.
 */

/** What the hook needs of a bundler (rspack or webpack) compiler: two public hooks. */
interface BundlerCompiler {
  hooks: {
    thisCompilation: {
      tap(
        name: string,
        fn: (compilation: { hooks: { finishModules: { tap(name: string, fn: () => void): void } } }) => void,
      ): void;
    };
  };
}

/** One turn of the event loop: the job starts after the bundler's hook has returned, not inside it. */
const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A `configureWebpack` result that runs `job` once, in a production build's client compilation, when it has
 * its modules (the loaders that run on this thread are done; Docusaurus cleared the output folder before the
 * compilation began). Returns the job's promise through `started`; a failure is left for the caller to
 * await (postBuild), not an unhandled rejection. Anything else (the server config, `docusaurus start`) gets
 * no plugin.
 */
export function whileBundling(
  name: string,
  config: { mode?: string },
  isServer: boolean,
  job: () => Promise<void>,
  started: (promise: Promise<void>) => void,
): { plugins: { apply(compiler: BundlerCompiler): void }[] } {
  if (isServer || config.mode !== 'production') return { plugins: [] };
  let running = false;
  const start = () => {
    if (running) return;
    running = true;
    const promise = nextTurn().then(job);
    promise.catch(() => undefined);
    started(promise);
  };
  return {
    plugins: [
      {
        apply(compiler) {
          compiler.hooks.thisCompilation.tap(name, (compilation) => {
            compilation.hooks.finishModules.tap(name, start);
          });
        },
      },
    ],
  };
}
