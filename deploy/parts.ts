/**
 * Builds the site as parts (src/plugins/parts) and merges their outputs into
 * one site for one nginx host (deploy/nginx.conf, unchanged). Each part is a
 * `docusaurus build` with KB_PART=<name> into `build-parts/<name>/`, then
 * precompressed (prepare.ts); parts can be built on different machines (CI
 * jobs) and their folders brought together for the merge.
 *
 * The merge takes every file once:
 * - a file whose URL a part owns comes from that part (its pages, their `.md`
 *   mirrors and `.br`/`.gz` copies; the home part's sitemap, llms.txt, …);
 * - a file no part owns and only some parts wrote (hashed assets, each
 *   part's search index) is taken as is; if two parts wrote it, the copies
 *   must be the same bytes, or the merge stops naming it;
 * - the CSP hash files are joined (every part's inline scripts).
 * It stops, writing nothing, when a part is missing, was built from another
 * parts table, or a folder is not a part build.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eachLimited } from '../scripts/core/each-limited.ts';
import {
  homePart,
  ownerOf,
  PART_INDEX_DIR,
  PART_MARK_FILE,
  type PartMark,
  urlOfOutputFile,
  type SitePart,
} from '../src/plugins/parts/model.ts';
import { safeDecodeURIComponent } from '../scripts/core/uri.ts';
import { PART_LINKS_FILE, type PartLinks, pathVariants } from '../src/plugins/parts/core-patch.ts';
import { CSP_HASH_FILE, renderCspHashConf } from './prepare.ts';

export interface MergeSummary {
  parts: { name: string; pages: number; files: number }[];
  files: number;
  pages: number;
  /** Links from one part into another's page with an anchor, checked here. */
  crossAnchors: number;
  /** Those whose anchor the target page does not have, when onBrokenAnchors only warns. */
  brokenAnchors: string[];
  ms: number;
}

async function readLinks(dir: string, part: string): Promise<PartLinks> {
  const text = await readFile(path.join(dir, PART_LINKS_FILE), 'utf8').catch(() => undefined);
  if (text === undefined)
    throw new Error(
      `${dir}: no ${PART_LINKS_FILE} — the part's link check did not run through src/plugins/parts/core-patch.ts; rebuild part ${part} (npm run build:part -- ${part})`,
    );
  return JSON.parse(text) as PartLinks;
}

/** The links into another part whose anchor the target page does not have ("from → to#hash"). */
export function brokenCrossAnchors(all: readonly PartLinks[]): string[] {
  const anchors = new Map<string, Set<string>>();
  for (const part of all) for (const [page, list] of Object.entries(part.anchors)) anchors.set(page, new Set(list));
  const broken: string[] = [];
  for (const part of all) {
    for (const link of part.links) {
      const target = pathVariants(link.to)
        .map((v) => anchors.get(v))
        .find(Boolean);
      const hashes = [link.hash, safeDecodeURIComponent(link.hash)];
      if (!target || !hashes.some((h) => target.has(h))) broken.push(`${link.from} → ${link.to}#${link.hash}`);
    }
  }
  return broken.sort();
}

async function readMark(dir: string): Promise<PartMark> {
  const text = await readFile(path.join(dir, PART_MARK_FILE), 'utf8').catch(() => undefined);
  if (text === undefined)
    throw new Error(
      `${dir}: no ${PART_MARK_FILE} — not a part build (build it with npm run build:part -- <name>), or remove the folder`,
    );
  return JSON.parse(text) as PartMark;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => rel !== PART_MARK_FILE && rel !== PART_LINKS_FILE);
}

async function sameBytes(files: string[]): Promise<boolean> {
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  if (sizes.some((size) => size !== sizes[0])) return false;
  const digests = await Promise.all(
    files.map(async (f) =>
      createHash('sha256')
        .update(await readFile(f))
        .digest('hex'),
    ),
  );
  return digests.every((d) => d === digests[0]);
}

/** The hashes in one part's CSP file (`map … { default "'sha256-…' …"; }`). */
export function cspHashesOf(conf: string): string[] {
  const list = /default "([^"]*)"/.exec(conf)?.[1] ?? '';
  return list.split(/\s+/).filter(Boolean);
}

/**
 * Merges the part builds in `partsDir` (one folder per part) into `outDir`,
 * which is replaced. Files are hard-linked where the file system allows.
 */
export async function mergeParts(partsDir: string, outDir: string): Promise<MergeSummary> {
  const started = performance.now();
  const folders = (
    await readdir(partsDir, { withFileTypes: true }).catch(() => {
      throw new Error(
        `${partsDir}: no such folder — build the parts first (npm run build:parts, or build:part -- <name> each)`,
      );
    })
  )
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const marks = new Map<string, PartMark>();
  for (const folder of folders) {
    const mark = await readMark(path.join(partsDir, folder));
    if (mark.part !== folder)
      throw new Error(`${path.join(partsDir, folder)}: holds part ${mark.part} — put it in ${partsDir}/${mark.part}`);
    marks.set(folder, mark);
  }
  const first = marks.values().next().value;
  if (!first) throw new Error(`${partsDir}: no part builds in it — build the parts first (npm run build:parts)`);
  const table: SitePart[] = first.parts;
  for (const mark of marks.values()) {
    if (JSON.stringify(mark.parts) !== JSON.stringify(table))
      throw new Error(
        `${partsDir}/${mark.part}: built from another parts table than ${first.part} — rebuild it from the same commit`,
      );
  }
  const missing = table.filter((p) => !marks.has(p.name)).map((p) => p.name);
  const extraFolders = folders.filter((f) => !table.some((p) => p.name === f));
  if (missing.length > 0)
    throw new Error(
      `${partsDir}: part ${missing.join(', ')} not built — run npm run build:part -- ${missing[0]} (each part of docusaurus.config.ts customFields.siteParts is needed)`,
    );
  if (extraFolders.length > 0)
    throw new Error(`${partsDir}/${extraFolders[0]}: not a part of the table — remove the folder`);

  // Anchors of links across parts: no part build could check them (deploy/parts.ts's header).
  const links = await Promise.all(table.map((p) => readLinks(path.join(partsDir, p.name), p.name)));
  const crossAnchors = links.reduce((n, l) => n + l.links.length, 0);
  const broken = brokenCrossAnchors(links);
  const onBrokenAnchors = links[0]!.onBrokenAnchors;
  if (broken.length > 0 && onBrokenAnchors === 'throw')
    throw new Error(
      `${partsDir}: broken anchor in a link across parts: ${broken[0]}${broken.length > 1 ? ` (and ${broken.length - 1} more)` : ''} — fix the link or the heading (onBrokenAnchors: 'throw')`,
    );

  // Every file once: the owner's copy, or the one copy, or identical copies.
  const byFile = new Map<string, string[]>();
  const filesOf = new Map<string, number>();
  for (const part of table) {
    const files = await listFiles(path.join(partsDir, part.name));
    filesOf.set(part.name, files.length);
    for (const rel of files) {
      const list = byFile.get(rel);
      if (list) list.push(part.name);
      else byFile.set(rel, [part.name]);
    }
  }
  const chosen: [rel: string, part: string][] = [];
  const cspHashes = new Set<string>();
  const conflicts: string[] = [];
  await eachLimited([...byFile], 16, async ([rel, parts]) => {
    if (rel === CSP_HASH_FILE) {
      for (const part of parts)
        for (const h of cspHashesOf(await readFile(path.join(partsDir, part, rel), 'utf8'))) cspHashes.add(h);
      return;
    }
    const owner = ownerOf(table, urlOfOutputFile(rel));
    if (parts.includes(owner)) chosen.push([rel, owner]);
    else if (parts.length === 1 || (await sameBytes(parts.map((p) => path.join(partsDir, p, rel)))))
      chosen.push([rel, parts[0]!]);
    else
      conflicts.push(`${rel} differs between parts ${parts.join(' and ')}, and ${owner}, which owns its URL, has none`);
  });
  if (conflicts.length > 0)
    throw new Error(
      `${partsDir}: ${conflicts.sort()[0]}${conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : ''} — rebuild the parts from the same commit`,
    );
  const home = homePart(table);
  const indexes = table.filter((p) => p.name !== home && byFile.has(`${PART_INDEX_DIR}/${p.name}/pagefind-entry.json`));
  if (indexes.length > 0 && !byFile.has('pagefind/pagefind.js'))
    throw new Error(
      `${partsDir}/${home}: no search index (pagefind/), so the other parts' indexes cannot be searched — give the home part a searchable page`,
    );

  await rm(outDir, { recursive: true, force: true });
  const dirs = new Set(chosen.map(([rel]) => path.dirname(path.join(outDir, rel))));
  await mkdir(outDir, { recursive: true });
  for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
  await eachLimited(chosen, 64, async ([rel, part]) => {
    const from = path.join(partsDir, part, rel);
    const to = path.join(outDir, rel);
    await link(from, to).catch(() => copyFile(from, to));
  });
  if (cspHashes.size > 0) {
    await mkdir(path.dirname(path.join(outDir, CSP_HASH_FILE)), { recursive: true });
    await writeFile(path.join(outDir, CSP_HASH_FILE), renderCspHashConf(cspHashes));
  }
  const parts = table.map((p) => ({ name: p.name, pages: marks.get(p.name)!.pages, files: filesOf.get(p.name)! }));
  return {
    parts,
    files: chosen.length + (cspHashes.size > 0 ? 1 : 0),
    pages: parts.reduce((n, p) => n + p.pages, 0),
    crossAnchors,
    brokenAnchors: onBrokenAnchors === 'ignore' ? [] : broken,
    ms: performance.now() - started,
  };
}

export function describeMerge(s: MergeSummary, outDir: string): string {
  const parts = s.parts.map((p) => `${p.name} ${p.pages} pages`).join(', ');
  const warnings = s.brokenAnchors.map((b) => `\n[parts] warning: broken anchor in a link across parts: ${b}`).join('');
  return `[parts] merged ${s.parts.length} parts (${parts}) into ${outDir}: ${s.pages} pages, ${s.files} files, ${s.crossAnchors} anchored links across parts checked, in ${(s.ms / 1000).toFixed(1)} s${warnings}`;
}
