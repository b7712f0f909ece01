// The thread of views-thread.ts: renders the benchmark views (scripts/report/rendered-views.ts) and posts them
// back. Plain JavaScript: a worker thread starts without the build's TypeScript loader. The project's modules
// come from the kb CLI's cached bundle of rendered-views.ts, run from V8's code cache (scripts/bin/load-main.mjs):
// through tsx, loading them took 0.8 s of the thread (--cpu-prof), and tsx.require's namespaces defeated tsx's
// disk cache, so esbuild compiled ~300 modules again in every build (0.9 s more).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { siteDir } = workerData;
try {
  const loader = await import(pathToFileURL(path.join(siteDir, 'scripts/bin/load-main.mjs')).href);
  const { renderViews } = await loader.loadEntry('views');
  // The runs go first, as soon as they are read, as JSON text: parsing it is about twice as fast on the receiving
  // thread as a structured clone of 10,000 run objects (170 ms against 260-380 ms, bench:history's KB), and the
  // main thread parses them while this one renders the views, not after (--cpu-prof: 90 ms of the build's
  // critical path).
  const { views } = await renderViews(siteDir, (runs) => parentPort.postMessage({ runs: JSON.stringify(runs) }));
  // Now, with every function the rendering compiled: views-thread.ts stops this thread once it has replied.
  loader.writeCodeCaches();
  parentPort.postMessage({ views });
} catch (error) {
  // A KbError's one line (file, field, fix) is made here: its format() does not survive the message.
  const format = error?.format;
  parentPort.postMessage({
    error: {
      line: typeof format === 'function' ? format.call(error) : undefined,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    },
  });
}
