import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KbError } from '../core/errors.ts';
import { listContentFiles } from '../core/documents.ts';
import { writeFilesAtomic } from '../core/fs-atomic.ts';
import { withAdrLock } from './lock.ts';
import { fileNameFor, nextNumber } from './numbering.ts';
import { adrDir, loadRecords, renderRecord, type AdrRecord } from './records.ts';
import { rewriteRecordLinks } from './renumber-links.ts';
import type { AdrFrontMatter } from './schema.ts';

export interface RenumberResult {
  moves: { from: string; to: string; oldNumber: number; newNumber: number }[];
  /**
   * Files whose references or links were rewritten (moved records excluded):
   * records first, then any other page of the knowledge base linking a moved record.
   */
  rewritten: string[];
  dryRun: boolean;
}

const base = (r: AdrRecord) => path.basename(r.file);

/** Does `from` point at `to` in a way only `to` (not its namesake) would explain? */
function refersTo(from: AdrRecord, to: AdrRecord): boolean {
  const n = from.number;
  const fm = to.frontMatter;
  return (
    fm.supersedes.includes(n) ||
    fm['superseded-by'] === n ||
    fm.links.some((l) => l.target === n) ||
    from.body.includes(`](${base(to)}`) ||
    from.body.includes(`](./${base(to)}`)
  );
}

/**
 * `kb adr renumber`: after parallel branches merge, two files may share a
 * number. The earliest-dated keeps it; each later one gets the next free
 * number. Inbound references (`supersedes`, `superseded-by`, `links`, and
 * Markdown links to the file) are pointed at the right record: a reference
 * to a shared number goes to the record that points back (or is linked by
 * file name), else to the one that kept the number. Links to a moved record
 * from anywhere in the knowledge base (docs, runbooks, reports, their
 * versioned copies) are rewritten in the same all-or-nothing write that
 * moves it.
 */
export async function renumberAdrs(root: string, options: { dryRun?: boolean } = {}): Promise<RenumberResult> {
  const run = async (): Promise<RenumberResult> => {
    const { records, problems } = await loadRecords(root);
    if (problems.length > 0) throw problems[0]!;
    const groups = new Map<number, AdrRecord[]>();
    for (const r of records) groups.set(r.number, [...(groups.get(r.number) ?? []), r]);
    let free = nextNumber(records);
    const newNumber = new Map<AdrRecord, number>(records.map((r) => [r, r.number]));
    const moved: AdrRecord[] = [];
    const dupes = [...groups.values()].filter((g) => g.length > 1);
    const losers = dupes.flatMap((g) =>
      [...g]
        .sort((a, b) => a.frontMatter.date.localeCompare(b.frontMatter.date) || base(a).localeCompare(base(b)))
        .slice(1),
    );
    losers.sort(
      (a, b) =>
        a.frontMatter.date.localeCompare(b.frontMatter.date) || a.number - b.number || base(a).localeCompare(base(b)),
    );
    for (const r of losers) {
      newNumber.set(r, free++);
      moved.push(r);
    }
    const newName = (r: AdrRecord) =>
      moved.includes(r)
        ? fileNameFor(
            newNumber.get(r)!,
            base(r)
              .replace(/^\d+-/, '')
              .replace(/\.mdx?$/, ''),
          )
        : base(r);
    const target = (from: AdrRecord, n: number): number => {
      const candidates = groups.get(n);
      if (!candidates || candidates.length === 0) return n;
      if (candidates.length === 1) return newNumber.get(candidates[0]!)!;
      const hit =
        candidates.find((c) => c !== from && refersTo(from, c)) ?? candidates.find((c) => !moved.includes(c))!;
      return newNumber.get(hit)!;
    };

    const renames = { moves: new Map(moved.map((m) => [base(m), newName(m)])) };
    const writes: { path: string; content: string }[] = [];
    const rewritten: string[] = [];
    for (const r of records) {
      const fm: AdrFrontMatter = structuredClone(r.frontMatter);
      fm.adr = newNumber.get(r)!;
      fm.supersedes = fm.supersedes.map((n) => target(r, n));
      if (fm['superseded-by'] !== undefined) fm['superseded-by'] = target(r, fm['superseded-by']);
      fm.links = fm.links.map((l) => ({ ...l, target: target(r, l.target) }));
      const body = moved.length > 0 ? rewriteRecordLinks(r.body, r.rel, renames) : r.body;
      const content = renderRecord(r, fm, body);
      const isMoved = moved.includes(r);
      if (!isMoved && JSON.stringify(fm) === JSON.stringify(r.frontMatter) && body === r.body) continue;
      writes.push({ path: path.join(path.dirname(r.file), newName(r)), content });
      if (!isMoved) rewritten.push(r.rel);
    }
    if (moved.length > 0) {
      const recordFiles = new Set(records.map((r) => r.rel));
      for (const rel of (await listContentFiles(root)).sort()) {
        if (recordFiles.has(rel)) continue;
        const file = path.join(root, rel);
        const text = await fs.readFile(file, 'utf8');
        const next = rewriteRecordLinks(text, rel, renames);
        if (next === text) continue;
        writes.push({ path: file, content: next });
        rewritten.push(rel);
      }
    }
    const moves = moved.map((r) => ({
      from: r.rel,
      to: `${path.dirname(r.rel)}/${newName(r)}`,
      oldNumber: r.number,
      newNumber: newNumber.get(r)!,
    }));
    if (!options.dryRun && writes.length > 0) {
      for (const m of moves) {
        if (
          await fs.access(path.join(root, m.to)).then(
            () => true,
            () => false,
          )
        ) {
          throw new KbError('EXISTS', 'file already exists', {
            file: m.to,
            hint: 'move it aside and run kb adr renumber again',
          });
        }
      }
      // New names, rewritten links and the removal of the old names: all or nothing.
      await writeFilesAtomic(writes, { force: true, root, remove: moved.map((r) => r.file) });
    }
    return { moves, rewritten, dryRun: Boolean(options.dryRun) };
  };
  return options.dryRun ? run() : withAdrLock(adrDir(root), run);
}
