/**
 * Writes many files from two worker threads, each writing its share one file after another with synchronous
 * calls: the 10,000 run pages (640 MB) and 10,000 Markdown mirrors a long benchmark history adds to a build.
 *
 * Why not promises, 16 at a time (scripts/core/each-limited.ts), as before: each file is then three round
 * trips through libuv's thread pool (open, write, close), each a promise on the build's main thread. Writing
 * the 10,136 run pages of bench:history, frame around article, alternating runs on this 2-core machine:
 * promises 16 at a time 1.8–7.4 s wall and 1.1–1.4 s of user CPU; two threads writing synchronously
 * 0.7–2.5 s wall and 0.4–0.6 s of user CPU (five runs of each, outside the build). The build is CPU-bound
 * on two cores, so its CPU counts as much as wall time; and the main thread stays free for the bundler's
 * callbacks and the other plugins.
 *
 * A file's content is a list of parts: a string (UTF-8), bytes, an index into `shared` (pieces common to
 * every file, such as the run page frame, sent to each thread once), a stored run page whose article is
 * read in the thread (`{ article, url }`: the page's file and the URL it was listed with), or the body of a
 * run page's stored Markdown as its mirror shows it (`{ mirrorBody }`: the `.md` file, read in the thread;
 * scripts/ai/run-mirror-body.mjs). A file whose mirror body would need rewriting is not written: it is
 * handed back (`deferred`), for the caller to render.
 */
import { Worker } from 'node:worker_threads';

/** A part of a file's content (see the module comment). */
export type Part = string | Uint8Array | number | { article: string; url: string } | { mirrorBody: string };

export interface WriteJob {
  /** Absolute path of the file to write (replaced if it exists). */
  file: string;
  parts: readonly Part[];
  /** Make the file's folder first (a run page under a trailing-slash URL has one of its own). */
  mkdir?: boolean;
}

/** A stored run page that is no longer the page it was listed as (replaced or edited during the build). */
export class NotARunPageError extends Error {
  constructor(readonly file: string) {
    super(`${file}: not a run page written by kb ingest`);
  }
}

/** Below this many files per thread, fewer threads: starting one costs ~25 ms. */
const FILES_PER_THREAD = 500;

const WORKER = new URL('./write-in-threads.worker.mjs', import.meta.url);

interface ThreadError {
  message: string;
  code?: string;
  file?: string;
  notARunPage?: string;
}

function errorOf(e: ThreadError): Error {
  if (e.notARunPage) return new NotARunPageError(e.notARunPage);
  // The thread's message already names the file for file-system errors (`ENOENT: …, open '<file>'`).
  return Object.assign(new Error(e.message), { code: e.code, path: e.file });
}

/**
 * The jobs with every string part encoded once, as UTF-8, into one SharedArrayBuffer, which the threads read
 * without a copy. Sent as strings, the 10,000 Markdown mirrors of a long history (80 MB) were copied into each
 * thread's message and encoded there again: 0.4 s of the build's main thread and 0.3 s of the threads' (--cpu-prof).
 */
function packStrings(jobs: readonly WriteJob[]): WriteJob[] {
  let bytes = 0;
  for (const job of jobs) for (const part of job.parts) if (typeof part === 'string') bytes += Buffer.byteLength(part);
  if (bytes === 0) return [...jobs];
  const memory = Buffer.from(new SharedArrayBuffer(bytes));
  let offset = 0;
  return jobs.map((job) => ({
    ...job,
    parts: job.parts.map((part) => {
      if (typeof part !== 'string') return part;
      const start = offset;
      offset += memory.write(part, start);
      return new Uint8Array(memory.buffer, start, offset - start);
    }),
  }));
}

/** What writeInThreads did: files written, and the jobs handed back unwritten (a `mirrorBody` to rewrite). */
export interface Written {
  count: number;
  deferred: WriteJob[];
}

/**
 * Writes every job's file; resolves with how many, and the jobs handed back. On the first failure the other
 * threads are stopped, and the promise rejects with that failure once every thread has exited: nothing
 * writes after the caller sees it.
 */
export async function writeInThreads(
  jobs: readonly WriteJob[],
  shared: readonly Uint8Array[] = [],
  threads = 2,
): Promise<Written> {
  const deferred: WriteJob[] = [];
  if (jobs.length === 0) return { count: 0, deferred };
  const count = Math.max(1, Math.min(threads, Math.ceil(jobs.length / FILES_PER_THREAD)));
  const packed = packStrings(jobs);
  // Interleaved, so each thread gets as many large files as small ones.
  const shares = Array.from({ length: count }, (_, t) => packed.filter((_, i) => i % count === t));
  const workers: Worker[] = [];
  let failure: Error | undefined;
  const runs = shares.map(
    (share, t) =>
      new Promise<void>((resolve) => {
        const worker = new Worker(WORKER, { workerData: { jobs: share, shared } });
        workers.push(worker);
        let reply: { done?: number; deferred?: number[]; error?: ThreadError } | undefined;
        const fail = (error: Error) => {
          failure ??= error;
          for (const other of workers) if (other !== worker) void other.terminate();
        };
        worker.once('message', (message: typeof reply) => {
          reply = message;
        });
        worker.once('error', fail);
        worker.once('exit', (code) => {
          // Job i of thread t's share is job i × count + t (interleaved above).
          for (const i of reply?.deferred ?? []) deferred.push(jobs[i * count + t]!);
          if (reply?.error) fail(errorOf(reply.error));
          else if (reply?.done === undefined && !failure)
            fail(new Error(`a file-writing thread stopped (exit code ${code}) before it was done`));
          resolve();
        });
      }),
  );
  await Promise.all(runs);
  if (failure) throw failure;
  return { count: jobs.length - deferred.length, deferred };
}
