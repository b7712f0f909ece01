// The thread of views-thread.ts: renders the benchmark views (scripts/report/rendered-views.ts) and posts them
// back. Plain JavaScript: a worker thread starts without the build's TypeScript loader, so the project's
// modules are loaded through tsx's CommonJS API, as the plugins' own requireProjectModule (load-ts.ts) does.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { siteDir } = workerData;
try {
  const fromSite = path.join(siteDir, 'package.json');
  const tsx = createRequire(fromSite)('tsx/cjs/api');
  const { renderViews } = tsx.require(path.join(siteDir, 'scripts/report/rendered-views.ts'), fromSite);
  const { runs, views } = await renderViews(siteDir);
  // The runs as JSON text: parsing it is about twice as fast on the receiving thread as a structured clone
  // of 10,000 run objects (170 ms against 260-380 ms, bench:history's KB).
  parentPort.postMessage({ runs: JSON.stringify(runs), views });
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
