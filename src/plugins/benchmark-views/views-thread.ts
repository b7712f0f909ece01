/**
 * Renders the benchmark views in a worker thread (views-thread.worker.mjs → scripts/report/rendered-views.ts):
 * reading and checking 10,000 stored runs, planning the views and rendering them took 3-4 s of the build's
 * main thread, in the phase where every plugin loads its content one callback after another and the second
 * core has nothing to do (bench:history, DOCUSAURUS_PERF_LOGGER: "Load site" 8.1 s with the runs, 3.3 s
 * without). In a thread it runs beside the other plugins' loading.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
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
    // Two replies: the stored runs as soon as the thread has read them (parsed here while it renders), then the
    // views; or one error.
    let storedRuns: unknown[] | undefined;
    worker.on('message', (reply: Reply) => {
      if (reply.runs !== undefined && !reply.error) {
        storedRuns = JSON.parse(reply.runs) as unknown[];
        return;
      }
      // The thread is done once it has replied: stopped, not left to its timers (load-main.mjs's code cache
      // writer, which it has already run, or tsx's cache expiry when the bundle fell back to the sources).
      void worker.terminate();
      settle(() => {
        if (reply.error) {
          const { line, message, stack } = reply.error;
          reject(line ? new Error(`[benchmark-views] ${line}`) : Object.assign(new Error(message), { stack }));
        } else if (!storedRuns)
          reject(new Error('[benchmark-views] the views thread sent its views before the stored runs'));
        else resolve({ storedRuns, views: reply.views ?? [] });
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

/**
 * Views started before Docusaurus makes the plugins, by site folder (real path). On globalThis: the config
 * and the plugin are loaded by separate module loaders (jiti), so module state is not shared between them.
 */
const EARLY = Symbol.for('sophia-kb.benchmark-views.early-views');
const earlyJobs = (): Map<string, Promise<ThreadViews>> =>
  ((globalThis as { [EARLY]?: Map<string, Promise<ThreadViews>> })[EARLY] ??= new Map());
const siteKey = (siteDir: string) => {
  try {
    return realpathSync(siteDir);
  } catch {
    return path.resolve(siteDir);
  }
};

/**
 * Starts rendering the views of `siteDir` now, for the plugin to take when Docusaurus makes it
 * (takeEarlyViews). `docusaurus build` evaluates the site config to list its locales 0.6-0.7 s before it
 * makes the plugins; the thread started there is done about when the other plugins have loaded their content,
 * where started with the plugin it held the build's "Load site" phase up that long, the main thread idle
 * (bench:history, --cpu-prof). Once per site folder until taken: the config is evaluated twice per build.
 */
export function renderViewsEarly(siteDir: string): void {
  const key = siteKey(siteDir);
  const jobs = earlyJobs();
  if (jobs.has(key)) return;
  const job = renderViewsInThread(key);
  // Reported by the plugin that takes it; a command that never makes the plugin drops it.
  job.catch(() => {});
  jobs.set(key, job);
}

/** The views renderViewsEarly started for `siteDir`, once: undefined when none were started (or already taken). */
export function takeEarlyViews(siteDir: string): Promise<ThreadViews> | undefined {
  const key = siteKey(siteDir);
  const jobs = earlyJobs();
  const job = jobs.get(key);
  jobs.delete(key);
  return job;
}
