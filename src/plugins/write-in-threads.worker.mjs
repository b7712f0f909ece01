// The thread of write-in-threads.ts: writes its share of the files one after another, with synchronous
// calls. Plain JavaScript: a worker thread starts without the build's TypeScript loader.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { runMirrorBody } from '../../scripts/ai/run-mirror-body.mjs';

// The run page file format (scripts/report/run-page-format.ts): `<!--kb-run {json}-->\n`, then the article.
const META_START = Buffer.from('<!--kb-run ');
const META_END = Buffer.from('-->\n');
// Space, tab, line feed, carriage return: what String#trimEnd cuts from a file's end.
const TRAILING = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The article of a stored run page, when its metadata line still gives the URL it was listed with. The twin of
 * splitRunPageFile and articleOf in benchmark-views/run-pages.ts, which this thread cannot import (TypeScript):
 * change the two together; the tests of writeRunPages and writeInThreads hold both to the same pages.
 */
function article({ article: file, url }) {
  const bytes = readFileSync(file);
  const end = bytes.indexOf(META_END);
  let meta;
  if (end >= 0 && bytes.subarray(0, META_START.length).equals(META_START)) {
    try {
      meta = JSON.parse(bytes.toString('utf8', META_START.length, end));
    } catch {
      meta = undefined;
    }
  }
  if (meta?.url !== url) throw Object.assign(new Error(`${file}: not the run page of ${url}`), { notARunPage: file });
  const start = end + META_END.length;
  let last = bytes.length;
  while (last > start && TRAILING.has(bytes[last - 1])) last--;
  return bytes.subarray(start, last);
}

/** A job whose mirror body needs rewriting: not written here, handed back (see write-in-threads.ts). */
const DEFER = Symbol('defer');

/** The body of a run page's stored Markdown as its mirror shows it (run-mirror-body.mjs), or DEFER. */
function mirrorBody({ mirrorBody: file }) {
  const body = runMirrorBody(readFileSync(file, 'utf8'));
  return body === undefined ? DEFER : Buffer.from(`${body}\n`);
}

const { jobs, shared } = workerData;
const bytesOf = (part) =>
  typeof part === 'number'
    ? shared[part]
    : typeof part === 'string'
      ? Buffer.from(part)
      : part instanceof Uint8Array
        ? part
        : 'mirrorBody' in part
          ? mirrorBody(part)
          : article(part);

let current;
try {
  const deferred = [];
  for (const [i, job] of jobs.entries()) {
    current = job.file;
    const parts = job.parts.map(bytesOf);
    if (parts.includes(DEFER)) {
      deferred.push(i);
      continue;
    }
    if (job.mkdir) mkdirSync(path.dirname(job.file), { recursive: true });
    writeFileSync(job.file, parts.length === 1 ? parts[0] : Buffer.concat(parts));
  }
  parentPort.postMessage({ done: jobs.length - deferred.length, deferred });
} catch (error) {
  parentPort.postMessage({
    error: {
      message: error instanceof Error ? error.message : String(error),
      code: error?.code,
      file: current,
      notARunPage: error?.notARunPage,
    },
  });
}
