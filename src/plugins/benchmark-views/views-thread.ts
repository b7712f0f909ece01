/**
 * Renders the benchmark views in a worker thread (views-thread.worker.mjs → scripts/report/rendered-views.ts):
 * reading and checking 10,000 stored runs, planning the views and rendering them took 3-4 s of the build's
 * main thread, in the phase where every plugin loads its content one callback after another and the second
 * core has nothing to do (bench:history, DOCUSAURUS_PERF_LOGGER: "Load site" 8.1 s with the runs, 3.3 s
 * without). In a thread it runs beside the other plugins' loading.
 */
import { Worker } from 'node:worker_threads';
import type { RenderedView } from '../../../scripts/report/rendered-views.ts';

const WORKER = new URL('./views-thread.worker.mjs', import.meta.url);

export interface ThreadViews {
  /** The stored runs, as scripts/report/store.ts loadRuns returns them. */
  storedRuns: unknown[];
  views: RenderedView[];
}

interface Reply {
  runs?: string;
  views?: RenderedView[];
  error?: { line?: string; message: string; stack?: string };
}

/**
 * The stored runs and rendered views of the knowledge base in `siteDir`. A bad stored run or slo-targets.yaml
 * rejects with its one line (file, field and fix) after `[benchmark-views]`, as Docusaurus prints only the message.
 */
export function renderViewsInThread(siteDir: string): Promise<ThreadViews> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { siteDir } });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      done();
    };
    worker.once('message', (reply: Reply) => {
      // The thread is done once it has replied: stopped, not left to its timers (load-main.mjs's code cache
      // writer, which it has already run, or tsx's cache expiry when the bundle fell back to the sources).
      void worker.terminate();
      settle(() => {
        if (reply.error) {
          const { line, message, stack } = reply.error;
          reject(line ? new Error(`[benchmark-views] ${line}`) : Object.assign(new Error(message), { stack }));
        } else resolve({ storedRuns: JSON.parse(reply.runs ?? '[]') as unknown[], views: reply.views ?? [] });
      });
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() =>
        reject(new Error(`[benchmark-views] the views thread stopped (exit code ${code}) before it was done`)),
      ),
    );
  });
}
