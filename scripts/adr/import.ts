import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KbError } from '../core/errors.ts';
import { serializeMarkdown } from '../core/front-matter.ts';
import { writeFilesAtomic } from '../core/fs-atomic.ts';
import { layout } from '../core/project.ts';
import { parseForeignRecord, type ForeignRecord, type ImportFormat } from './import-parse.ts';
import { withAdrLock } from './lock.ts';
import { fileNameFor, listRecordFiles, nextNumber } from './numbering.ts';
import { adrDir } from './records.ts';
import { inverseLinkType, orderFrontMatter, type AdrFrontMatter, type AdrLinkType } from './schema.ts';
import { adrSlug } from '../core/title.ts';

export interface ImportResult {
  imported: { from: string; format: ImportFormat; number: number; path: string; status: string }[];
  skipped: string[];
  dryRun: boolean;
}

const sortKey = (r: ForeignRecord) => [r.sourceNumber ?? Number.MAX_SAFE_INTEGER, r.date ?? '9999', r.file] as const;

/**
 * `kb adr import <dir>`: reads adr-tools, MADR 2/3/4 and log4brains records,
 * numbers them after the highest record in adr/ (source order kept), turns
 * their relations into `supersedes`/`superseded-by`/`links` on both ends,
 * rewrites links between them to the new file names, and keeps the original
 * status lines under "Status history". All files are written or none.
 */
export async function importAdrs(
  root: string,
  sourceDir: string,
  options: { today: string; dryRun?: boolean },
): Promise<ImportResult> {
  let names: string[];
  try {
    names = (await fs.readdir(sourceDir)).filter((n) => /\.mdx?$/.test(n)).sort();
  } catch {
    throw new KbError('NOT_FOUND', `cannot read folder ${sourceDir}`, {
      hint: 'pass the folder holding the records (e.g. doc/adr)',
    });
  }
  const parsed: ForeignRecord[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const record = parseForeignRecord(name, await fs.readFile(path.join(sourceDir, name), 'utf8'));
    if (record && !/^(readme|index|template)\.mdx?$/i.test(name)) parsed.push(record);
    else skipped.push(name);
  }
  if (parsed.length === 0) {
    throw new KbError('UNKNOWN_FORMAT', `no adr-tools, MADR or log4brains records in ${sourceDir}`, {
      hint: 'point at the folder with the NNNN-title.md files',
    });
  }
  parsed.sort((a, b) => {
    const [x, y] = [sortKey(a), sortKey(b)];
    return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2].localeCompare(y[2]);
  });

  const run = async (): Promise<ImportResult> => {
    const dir = adrDir(root);
    let next = nextNumber(await listRecordFiles(dir));
    const planned = parsed.map((r) => ({ r, number: next++, name: '' }));
    for (const p of planned) p.name = fileNameFor(p.number, adrSlug(p.r.title) || 'untitled');
    const byFile = new Map(planned.map((p) => [p.r.file, p]));
    const bySource = new Map(planned.filter((p) => p.r.sourceNumber !== undefined).map((p) => [p.r.sourceNumber!, p]));
    const resolve = (rel: { file?: string; number?: number }) =>
      (rel.file && byFile.get(rel.file)) || (rel.number !== undefined ? bySource.get(rel.number) : undefined);

    const fms = new Map<number, AdrFrontMatter>();
    for (const p of planned) {
      fms.set(p.number, {
        adr: p.number,
        title: p.r.title,
        status: p.r.status,
        date: p.r.date ?? options.today,
        'decision-makers': p.r.decisionMakers,
        consulted: p.r.consulted,
        informed: p.r.informed,
        tags: p.r.tags,
        supersedes: [],
        links: [],
      });
    }
    const addLink = (fm: AdrFrontMatter, type: AdrLinkType, target: number) => {
      if (!fm.links.some((l) => l.type === type && l.target === target)) fm.links.push({ type, target });
    };
    // Relations are recorded on both ends, whichever end the source wrote them on.
    for (const p of planned) {
      const fm = fms.get(p.number)!;
      for (const rel of p.r.relations) {
        const target = resolve(rel);
        if (!target) continue;
        const other = fms.get(target.number)!;
        if (rel.type === 'superseded-by') {
          fm['superseded-by'] = target.number;
          fm.status = 'superseded';
          if (!other.supersedes.includes(p.number)) other.supersedes.push(p.number);
        } else if (rel.type === 'supersedes') {
          if (!fm.supersedes.includes(target.number)) fm.supersedes.push(target.number);
          other['superseded-by'] ??= p.number;
          other.status = 'superseded';
        } else {
          addLink(fm, rel.type, target.number);
          addLink(other, inverseLinkType[rel.type], p.number);
        }
      }
    }
    const writes = planned.map((p) => {
      let body = p.r.body.replace(/\]\((?:\.\/)?([^)\s/]+\.mdx?)(#[^)]*)?\)/g, (all, file: string, hash = '') => {
        const target = byFile.get(file);
        return target ? `](${target.name}${hash})` : all;
      });
      body = body.replace(/^\s*\n/, '').trimEnd();
      const history = p.r.statusHistory.map(
        (line) =>
          `* ${line.replace(/\]\((?:\.\/)?([^)\s/]+\.mdx?)\)/g, (all, f: string) => (byFile.get(f) ? `](${byFile.get(f)!.name})` : all))}`,
      );
      const text = `\n# ${p.r.title}\n\n${body}\n\n## Status history\n\nImported from \`${p.r.file}\` (${p.r.format}); status lines as the source recorded them:\n\n${history.join('\n')}\n`;
      return { path: path.join(dir, p.name), content: serializeMarkdown(orderFrontMatter(fms.get(p.number)!), text) };
    });
    if (!options.dryRun) await writeFilesAtomic(writes, { root });
    return {
      imported: planned.map((p) => ({
        from: p.r.file,
        format: p.r.format,
        number: p.number,
        path: `${layout.adr}/${p.name}`,
        status: fms.get(p.number)!.status,
      })),
      skipped,
      dryRun: Boolean(options.dryRun),
    };
  };
  return options.dryRun ? run() : withAdrLock(adrDir(root), run);
}
