// Runs Lighthouse 12 (CLI, so each run is its own process and its own fresh
// chromium profile) against Debian's chromium with the flags of DEVELOPERS.md,
// and extracts the figures bench:pages prints.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../e2e/support/browser.ts';

const run = promisify(execFile);

/** Search index files: Pagefind's folder, or search-local's `search-index*.json`. */
const SEARCH_INDEX_REQUEST = /\/pagefind\/|\/search-index[^/]*\.json$/;

export type FormFactor = 'desktop' | 'mobile';

export interface PageFigures {
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Total transfer size (bytes over the wire, compressed). */
  transferBytes: number;
  /** Transfer size of the scripts loaded. */
  jsBytes: number;
  /** Lighthouse's CPU benchmark of this machine at the time (lower = busier machine). */
  benchmarkIndex: number;
  /** Requests for search code and index files (Pagefind's, or search-local's lunr index), with their transfer size. */
  searchIndexRequests: { url: string; transferBytes: number }[];
  /** The three largest scripts loaded (transfer size), to see what a page pays for. */
  largestScripts: { url: string; transferBytes: number }[];
}

interface Lhr {
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: { items?: Record<string, unknown>[] } }>;
  environment: { benchmarkIndex: number };
  runtimeError?: { code: string; message: string };
}

export async function runLighthouse(projectRoot: string, url: string, formFactor: FormFactor): Promise<PageFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kb-lighthouse-'));
  const output = path.join(dir, 'report.json');
  try {
    await run(
      path.join(projectRoot, 'node_modules/.bin/lighthouse'),
      [
        url,
        `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
        '--only-categories=performance',
        '--output=json',
        `--output-path=${output}`,
        '--quiet',
        ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
    );
    const lhr = JSON.parse(await readFile(output, 'utf8')) as Lhr;
    if (lhr.runtimeError) throw new Error(`${url}: Lighthouse ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const summary = lhr.audits['resource-summary']?.details?.items ?? [];
    const requests = lhr.audits['network-requests']?.details?.items ?? [];
    return {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      lcpMs: audit('largest-contentful-paint'),
      tbtMs: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      transferBytes: audit('total-byte-weight'),
      jsBytes: Number(summary.find((item) => item.resourceType === 'script')?.transferSize ?? 0),
      benchmarkIndex: lhr.environment.benchmarkIndex,
      searchIndexRequests: requests
        .filter((item) => SEARCH_INDEX_REQUEST.test(new URL(String(item.url)).pathname))
        .map((item) => ({ url: String(item.url), transferBytes: Number(item.transferSize ?? 0) })),
      largestScripts: requests
        .filter((item) => item.resourceType === 'Script')
        .map((item) => ({ url: new URL(String(item.url)).pathname, transferBytes: Number(item.transferSize ?? 0) }))
        .sort((a, b) => b.transferBytes - a.transferBytes)
        .slice(0, 3),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
