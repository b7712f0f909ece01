import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Import cycles in the project's own TypeScript: every relative import,
// `import type`, re-export and dynamic `import()` counts (a type-only cycle
// still ties two modules together for the reader). Run by
// import-cycles.test.ts in npm test; `npx tsx scripts/dev/import-cycles.ts`
// prints them.

const sourceExt = /\.(ts|tsx|mts)$/;

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(abs));
    else if (sourceExt.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(abs);
  }
  return out;
}

/** The module graph: file → the project files it imports (relative specifiers only). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), fileName);
      const hit = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(
        (c) => known.has(c),
      );
      if (hit) targets.add(hit);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every strongly connected group of two or more modules (or a module importing itself), as sorted relative paths. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>, root = ''): string[][] {
  // Tarjan's algorithm, iterative enough for a few hundred modules.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v))
        cycles.push(group.map((f) => (root ? path.relative(root, f) : f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The cycles among the sources below `dirs` (relative to `root`). */
export function importCycles(root: string, dirs: readonly string[]): string[][] {
  const files = dirs.flatMap((d) => listSources(path.join(root, d)));
  return findCycles(importGraph(files), root);
}

/** Imports from the sources below `from` into any folder of `forbidden` (all relative to `root`), as `a → b`. */
export function importsInto(root: string, from: string, forbidden: readonly string[]): string[] {
  const graph = importGraph(listSources(path.join(root, 'scripts')).concat(listSources(path.join(root, from))));
  const out: string[] = [];
  for (const [file, targets] of graph) {
    if (!path.relative(root, file).startsWith(`${from}/`)) continue;
    for (const t of targets) {
      const rel = path.relative(root, t);
      if (forbidden.some((f) => rel.startsWith(`${f}/`))) out.push(`${path.relative(root, file)} → ${rel}`);
    }
  }
  return out.sort();
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const cycles = importCycles(root, ['scripts', 'src', 'bench', 'e2e']);
  for (const c of cycles) console.log(c.join(' ↔ '));
  console.log(`${cycles.length} import cycle(s)`);
  process.exitCode = cycles.length > 0 ? 1 : 0;
}
