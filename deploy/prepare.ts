/**
 * Prepares a production build for nginx (deploy/nginx.conf), after
 * `docusaurus build` and every plugin's postBuild (Pagefind's index, the
 * llms*.txt files and the Markdown mirrors are written there, in parallel, so
 * this cannot be a postBuild of its own):
 * - writes `<file>.br` and `<file>.gz` next to every compressible file, which
 *   nginx's brotli_static and gzip_static send as they are: nothing is
 *   compressed per request. Brotli runs at quality 11 on the scripts and
 *   styles every page loads and at 5 on the rest (11 everywhere took 50 s for
 *   this site's 15 MB; 5 is within 12 % of it for 2 % of the time);
 * - writes `.nginx/csp-script-hashes.conf`: the sha256 of every inline script
 *   of the build, which the Content-Security-Policy of nginx.conf allows by
 *   hash (no 'unsafe-inline' for scripts).
 * Pure parts (what to hash, how to name it) are exported for the tests.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { eachLimited } from '../scripts/core/each-limited.ts';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Files worth compressing. Pagefind's own files (`.pf_*`, `.pagefind`) are compressed by Pagefind. */
export const COMPRESSIBLE = /\.(html|js|mjs|css|json|map|svg|xml|txt|md|webmanifest|ico|ttf|wasm)$/i;
/**
 * Run pages and their Markdown copies: one each per stored run, thousands of them, each read by few. Not
 * precompressed (nginx.conf gzips them per request): for 10,000 runs that is 40,000 files and half a
 * minute less. Their inline scripts are the frame's, the same on each: one is hashed.
 */
export const NOT_PRECOMPRESSED = /^reports\/runs\//;

/** Below this, a compressed copy saves less than its headers cost. */
export const MIN_COMPRESS_BYTES = 1024;
/** Relative to the build folder; deploy/nginx.conf includes it as `sophia-kb/csp-script-hashes.conf`. */
export const CSP_HASH_FILE = '.nginx/csp-script-hashes.conf';

/** Script types a browser runs (an absent or empty type is JavaScript); JSON-LD and the like are data. */
function isExecutable(attributes: string): boolean {
  const type = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  if (!type) return true;
  const value = (type[1] ?? type[2] ?? type[3] ?? '').trim().toLowerCase();
  return value === '' || value === 'module' || /^(text|application)\/(x-)?(java|ecma)script$/.test(value);
}

/** The text of every inline script a browser would run, in document order. */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1] ?? '';
    if (/\bsrc\s*=/i.test(attributes) || !isExecutable(attributes)) continue;
    scripts.push(match[2] ?? '');
  }
  return scripts;
}

/** The CSP source expression of a script text: `'sha256-<base64>'`. */
export function cspHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** The nginx include that defines `$kb_csp_script_hashes` (sorted, so a rebuild writes the same file). */
export function renderCspHashConf(hashes: Iterable<string>): string {
  const list = [...new Set(hashes)].sort();
  return [
    '# Written by deploy/prepare.ts from the inline scripts of every page of this build: do not edit.',
    '# deploy/nginx.conf includes it and puts the list into script-src.',
    `map $scheme $kb_csp_script_hashes { default "${list.join(' ')}"; }`,
    '',
  ].join('\n');
}

/** Scripts and styles named by the home page: every page loads them, so they get the slowest, best brotli. */
export function pageWideAssets(indexHtml: string): Set<string> {
  const names = new Set<string>();
  for (const match of indexHtml.matchAll(/["'(](\/assets\/[^"'()\s]+\.(?:js|css))["')]/g)) names.add(match[1]!);
  return names;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function writeIfSmaller(file: string, body: Buffer, original: number): Promise<boolean> {
  if (body.length >= original) {
    await rm(file, { force: true }); // a copy from an earlier run would be stale
    return false;
  }
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, body);
  await rename(temp, file);
  return true;
}

export interface PrepareSummary {
  files: number;
  compressed: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
  scriptHashes: number;
  ms: number;
}

/** Precompresses the build in `siteDir` and writes its CSP hash file. Safe to run again. */
export async function prepareSite(siteDir: string): Promise<PrepareSummary> {
  const started = performance.now();
  const root = path.resolve(siteDir);
  const all = await listFiles(root);
  // A site part (src/plugins/parts) has no home page: its first page names the same page-wide assets.
  const firstPage =
    all.find((f) => path.relative(root, f) === 'index.html') ??
    all.find((f) => f.endsWith('.html') && !/\.(br|gz)$/.test(f));
  if (!firstPage)
    throw new Error(
      `${root}: index.html not found (nor any other page) — pass the output folder of a production build`,
    );
  const bestBrotli = pageWideAssets(await readFile(firstPage, 'utf8'));
  const files = all.filter(
    (f) =>
      !/\.(br|gz)$/.test(f) &&
      !path
        .relative(root, f)
        .split(path.sep)
        .some((s) => s.startsWith('.')),
  );

  const hashes = new Set<string>();
  const summary: PrepareSummary = {
    files: files.length,
    compressed: 0,
    bytes: 0,
    brotliBytes: 0,
    gzipBytes: 0,
    scriptHashes: 0,
    ms: 0,
  };
  let runPageHashed = false;
  const one = async (file: string): Promise<void> => {
    if (!COMPRESSIBLE.test(file)) return;
    if (NOT_PRECOMPRESSED.test(path.relative(root, file).split(path.sep).join('/'))) {
      if (runPageHashed || !file.endsWith('.html')) return;
      runPageHashed = true;
      for (const script of inlineScripts(await readFile(file, 'utf8'))) hashes.add(cspHash(script));
      return;
    }
    const body = await readFile(file);
    if (file.endsWith('.html')) for (const script of inlineScripts(body.toString('utf8'))) hashes.add(cspHash(script));
    if (body.length < MIN_COMPRESS_BYTES) return;
    const url = `/${path.relative(root, file).split(path.sep).join('/')}`;
    const quality = bestBrotli.has(url) ? 11 : 5;
    const [br, gz] = await Promise.all([
      brotli(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        },
      }),
      gzip(body, { level: 9 }),
    ]);
    const wroteBr = await writeIfSmaller(`${file}.br`, br, body.length);
    const wroteGz = await writeIfSmaller(`${file}.gz`, gz, body.length);
    if (wroteBr || wroteGz) summary.compressed += 1;
    summary.bytes += body.length;
    summary.brotliBytes += wroteBr ? br.length : body.length;
    summary.gzipBytes += wroteGz ? gz.length : body.length;
  };
  // zlib's async calls run on libuv's thread pool; 16 files under way at a time keep it busy. Not in batches of
  // 16: each batch waited for its slowest file (an 8.9 MB kb-index.json, a page-wide script at quality 11).
  await eachLimited(files, 16, one);

  const hashFile = path.join(root, CSP_HASH_FILE);
  await mkdir(path.dirname(hashFile), { recursive: true });
  await writeFile(hashFile, renderCspHashConf(hashes));
  summary.scriptHashes = hashes.size;
  summary.ms = performance.now() - started;
  return summary;
}

/** True when `siteDir` has been through prepareSite (its CSP hash file exists). */
export async function isPrepared(siteDir: string): Promise<boolean> {
  return Boolean((await stat(path.join(siteDir, CSP_HASH_FILE)).catch(() => undefined))?.isFile());
}

export function describeSummary(s: PrepareSummary): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `[deploy] precompressed ${s.compressed} of ${s.files} files (${mb(s.bytes)} → br ${mb(s.brotliBytes)}, gzip ${mb(s.gzipBytes)}), ${s.scriptHashes} inline script hashes → ${CSP_HASH_FILE}, in ${(s.ms / 1000).toFixed(1)} s`;
}
