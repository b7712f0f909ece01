// The files a search fetches (Pagefind's chunks, or search-local's lunr
// index in an older build) and their size as served, for bench:pages'
// check of every index part against the 500 KB limit of issue 7.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export interface IndexPart {
  file: string;
  kind: string;
  raw: number;
  /** Bytes as served: gzip -9 for files the server compresses, the file itself for Pagefind's pre-compressed chunks. */
  transfer: number;
}

/** What kind of search index part a file is (relative path), or undefined for anything else. */
export function indexPartKind(rel: string): string | undefined {
  const file = rel.split(path.sep).join('/');
  if (/(^|\/)search-index[^/]*\.json$/.test(file)) return 'lunr index (search-local)';
  const m =
    /^pagefind\/(?:(index|fragment|filter)\/.*\.pf_\1|(pagefind\.[^/]*\.pf_meta)|(wasm\.[^/]*\.pagefind)|(pagefind-entry\.json)|(pagefind(?:-worker)?\.js))$/.exec(
      file,
    );
  if (!m) return undefined;
  return m[1] ?? (m[2] ? 'meta' : m[3] ? 'wasm' : m[4] ? 'entry' : 'script');
}

/**
 * Every file a search may fetch, with its size as served. Pagefind's chunks
 * (.pf_*, wasm) are gzip streams already and are served as they are; JSON and
 * JS are compressed by the server, so gzip -9 stands for their transfer size.
 */
export async function searchIndexParts(siteDir: string): Promise<IndexPart[]> {
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(siteDir, path.join(e.parentPath, e.name)))
    .filter((rel) => indexPartKind(rel) !== undefined);
  return Promise.all(
    files.sort().map(async (rel) => {
      const raw = await readFile(path.join(siteDir, rel));
      const compressed = /\.(json|js)$/.test(rel);
      return {
        file: rel,
        kind: indexPartKind(rel)!,
        raw: raw.length,
        transfer: compressed ? gzipSync(raw, { level: 9 }).length : raw.length,
      };
    }),
  );
}

/** One line per kind of part: how many, their total and the largest, as served. */
export function describeParts(parts: readonly IndexPart[]): string[] {
  const kinds = [...new Set(parts.map((p) => p.kind))];
  return kinds.map((kind) => {
    const of = parts.filter((p) => p.kind === kind);
    const largest = of.reduce((a, b) => (b.transfer > a.transfer ? b : a));
    const total = of.reduce((n, p) => n + p.transfer, 0);
    return `  ${kind}: ${of.length} file${of.length === 1 ? '' : 's'}, ${kb(total)} in all, largest ${largest.file} ${kb(largest.transfer)}`;
  });
}
