// The request mix of bench:serve, chosen from the build: what readers' browsers
// and AI tools actually ask the KB server for, in rough proportion. Pages of
// every kind, the hashed scripts and styles they load, the Pagefind files a
// search fetches, llms.txt and a Markdown mirror; most with
// `Accept-Encoding: br, gzip` as browsers send it, some with gzip only.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pickPages } from '../pages/pick-pages.ts';
import { isVersionedCopy, readBuiltPages } from '../../e2e/support/site-pages.ts';

export interface MixRequest {
  /** What it stands for, for the printed table. */
  kind: 'page' | 'asset' | 'search index' | 'llms.txt' | 'markdown mirror';
  path: string;
  encoding: 'br, gzip' | 'gzip' | 'identity';
}

const BROWSER = 'br, gzip' as const;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && !/\.(br|gz)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Asset URLs a page names (`/assets/...js|css`), in order of appearance. */
export function assetsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/["'(=](\/assets\/[^"'()\s>]+\.(?:js|css))/g)].map((m) => m[1]!))];
}

/**
 * The mix for the build in `siteDir`. Deterministic: the same build gives the
 * same list. Throws when the build lacks a part the mix needs (no pages, no
 * Pagefind index, no llms.txt), naming it.
 */
export async function buildMix(siteDir: string, cutVersions: readonly string[]): Promise<MixRequest[]> {
  const pages = await readBuiltPages(siteDir);
  const current = pages.filter((p) => !isVersionedCopy(p.url, cutVersions));
  const picked = (await pickPages(siteDir, cutVersions, false)).filter((t) => t.url && !t.url.includes('?'));
  const pageUrls = new Set<string>(picked.map((t) => t.url!));
  const firstDoc = (prefix: string, versioned: boolean) =>
    pages.find(
      (p) => p.type === 'doc' && p.url.startsWith(prefix) && isVersionedCopy(p.url, cutVersions) === versioned,
    );
  for (const url of [
    firstDoc('/docs/', false)?.url,
    firstDoc('/docs/', true)?.url,
    '/adr',
    '/reports',
    '/dashboards',
    '/dashboards/deliverables',
    '/search',
  ]) {
    if (url && pages.some((p) => p.url === url)) pageUrls.add(url);
  }
  if (pageUrls.size < 5) throw new Error(`${siteDir}: only ${pageUrls.size} page kinds found — is it a full build?`);

  const mix: MixRequest[] = [];
  const assets = new Set<string>();
  for (const url of pageUrls) {
    mix.push({ kind: 'page', path: url, encoding: BROWSER });
    const file = pages.find((p) => p.url === url)!.file;
    for (const asset of assetsOf(await readFile(file, 'utf8'))) assets.add(asset);
  }
  // A second visit of each page with gzip only (proxies, older clients).
  for (const url of [...pageUrls].slice(0, 3)) mix.push({ kind: 'page', path: url, encoding: 'gzip' });
  // The route chunks a visit loads after main.js (named by the script, not the HTML): a few, by name.
  const chunks = (await filesUnder(path.join(siteDir, 'assets/js'))).filter((f) =>
    /\/[0-9a-f]{8}\.[0-9a-f]{8}\.js$/.test(f),
  );
  for (const chunk of chunks.slice(0, 8)) assets.add(`/${path.relative(siteDir, chunk).split(path.sep).join('/')}`);
  for (const asset of assets) mix.push({ kind: 'asset', path: asset, encoding: BROWSER });

  const pagefind = path.join(siteDir, 'pagefind');
  const rel = (f: string) => `/${path.relative(siteDir, f).split(path.sep).join('/')}`;
  const indexFiles = await filesUnder(pagefind);
  const pick = (re: RegExp, n: number) => indexFiles.filter((f) => re.test(f)).slice(0, n);
  const searchFiles = [
    ...pick(/pagefind\.js$/, 1),
    ...pick(/pagefind-entry\.json$/, 1),
    ...pick(/\.pf_meta$/, 1),
    ...pick(/wasm\.[a-z]+\.pagefind$/, 1),
    ...pick(/\.pf_index$/, 2),
    ...pick(/\.pf_fragment$/, 6),
  ];
  if (searchFiles.length < 5) throw new Error(`${pagefind}: no Pagefind index (pagefind.js, .pf_index, .pf_fragment)`);
  for (const file of searchFiles) {
    mix.push({ kind: 'search index', path: rel(file), encoding: /\.(js|json)$/.test(file) ? BROWSER : 'identity' });
  }

  const llms = path.join(siteDir, 'llms.txt');
  if (!(await readFile(llms).catch(() => undefined))) throw new Error(`${llms}: missing — the AI-readable output`);
  mix.push({ kind: 'llms.txt', path: '/llms.txt', encoding: BROWSER });
  mix.push({ kind: 'llms.txt', path: '/llms.txt', encoding: 'gzip' });
  const mirror = current.find((p) => p.type === 'doc');
  if (mirror) mix.push({ kind: 'markdown mirror', path: `${mirror.url}.md`, encoding: BROWSER });
  return mix;
}

export function describeMix(mix: readonly MixRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of mix) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k}: ${n}`).join(', ');
}
