import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Results of the slow build rules (Docusaurus front matter validation, MDX
 * compilation, Mermaid parsing) keyed by a hash of the text they depend on
 * alone, so an unchanged page costs one hash on the next run. One JSON file
 * per tool-version key (the versions of the parsers used), in
 * `node_modules/.cache/kb-check/` of the checkout holding this module.
 */
export interface ContentCache {
  get<T>(namespace: string, text: string): T | undefined;
  set(namespace: string, text: string, value: unknown): void;
  /** Writes the entries used in this run (atomic rename); never throws. */
  save(): void;
}

/** Largest number of entries kept, so the file stays small when many knowledge bases share it. */
const maxEntries = 60_000;

export function defaultCacheDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  return path.resolve(from, '..', '..', '..', 'node_modules', '.cache', 'kb-check');
}

export const hashText = (text: string): string => createHash('sha1').update(text).digest('base64url');

/** A cache that forgets everything: `--no-cache` and tests that must compile. */
export function memoryCache(): ContentCache {
  const map = new Map<string, unknown>();
  return {
    get: <T>(ns: string, text: string) => map.get(`${ns}:${hashText(text)}`) as T | undefined,
    set: (ns, text, value) => void map.set(`${ns}:${hashText(text)}`, value),
    save: () => {},
  };
}

/** Opens the cache of `versionKey` in `dir` (an unreadable or stale file is an empty cache). */
export function openCache(dir: string, versionKey: string): ContentCache {
  const file = path.join(dir, `${hashText(versionKey).slice(0, 16)}.json`);
  let old: Record<string, unknown> = {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; entries?: Record<string, unknown> };
    if (data.key === versionKey && data.entries && typeof data.entries === 'object') old = data.entries;
  } catch {
    // no cache yet
  }
  const used = new Map<string, unknown>();
  let changed = false;
  return {
    get<T>(ns: string, text: string): T | undefined {
      const k = `${ns}:${hashText(text)}`;
      if (used.has(k)) return used.get(k) as T;
      if (Object.hasOwn(old, k)) {
        used.set(k, old[k]);
        return old[k] as T;
      }
      return undefined;
    },
    set(ns, text, value) {
      used.set(`${ns}:${hashText(text)}`, value);
      changed = true;
    },
    save() {
      if (!changed) return;
      const entries: Record<string, unknown> = Object.fromEntries(used);
      let n = used.size;
      for (const [k, v] of Object.entries(old)) {
        if (n >= maxEntries) break;
        if (!Object.hasOwn(entries, k)) {
          entries[k] = v;
          n++;
        }
      }
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ key: versionKey, entries }));
        renameSync(tmp, file);
        // Files of other version keys are from parsers no longer installed here.
        for (const name of readdirSync(dir)) {
          if (name.endsWith('.json') && name !== path.basename(file)) rmSync(path.join(dir, name), { force: true });
        }
      } catch {
        // a cache that cannot be written only costs time on the next run
      }
    },
  };
}
