// The fault corpus: one folder per fault, holding the knowledge-base files
// that carry it (paths as in a KB: docs/guides/…) and expect.json, what the
// real build and `kb check` do with it. Read by the kb check side
// (fault-corpus.test.ts) and the build side (e2e/check-vs-build.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const corpusDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * Where in the build a fault shows: `content` (a content plugin rejects it
 * while loading: the build stops at the first one), `bundle` (compiling the
 * page module: every such error is listed), `render` (server-side rendering
 * of the page), `none` (the build does not stop).
 */
export type Phase = 'content' | 'bundle' | 'render' | 'none';

export interface ExpectedFinding {
  path: string;
  line: number;
  rule: string;
  severity: 'error' | 'warning';
}

export interface Fault {
  id: string;
  /** The fault in words, as in the table. */
  fault: string;
  phase: Phase;
  /** What `docusaurus build` does: `fails`, `passes`, or `warns` (passes, saying `buildSays`). */
  build: 'fails' | 'passes' | 'warns';
  /** Text the build log must hold (besides the file name, for failures). */
  buildSays?: string;
  /** Every error and warning `kb check` must report for these files (and no other error). */
  check: ExpectedFinding[];
  /** KB-relative path → content. */
  files: Record<string, string>;
}

function filesUnder(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesUnder(abs, base));
    else if (entry.name !== 'expect.json')
      out[path.relative(base, abs).split(path.sep).join('/')] = readFileSync(abs, 'utf8');
  }
  return out;
}

/** Every fault of the corpus, sorted by id. */
export function loadFaults(dir = corpusDir): Fault[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const expect = JSON.parse(readFileSync(path.join(dir, e.name, 'expect.json'), 'utf8')) as Omit<
        Fault,
        'id' | 'files'
      >;
      return { ...expect, id: e.name, files: filesUnder(path.join(dir, e.name)) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
