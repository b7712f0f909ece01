import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KbError } from '../core/errors.ts';
import { createExclusive, writeFilesAtomic, type PlannedWrite } from '../core/fs-atomic.ts';
import { escapeInline } from '../core/markdown-escape.ts';
import { serializeMarkdownLazily } from '../core/plain-yaml.ts';
import { layout } from '../core/project.ts';
import { adrSlug, parseTitle } from '../core/title.ts';
import { assertTransition } from './lifecycle.ts';
import { withAdrLock } from './lock.ts';
import { fileNameFor, listRecordFiles, nextNumber } from './numbering.ts';
import type { AdrRecord } from './records.ts';
import { inverseLinkType, orderFrontMatter, type AdrStatus } from './model.ts';
import type { AdrFrontMatter, AdrLink } from './schema.ts';
import { loadAdrTemplate, renderAdrBody } from './template.ts';

export interface CreateAdrOptions {
  /** Project root (absolute). */
  root: string;
  title: string;
  /** YYYY-MM-DD; passed in, never read from the clock here. */
  today: string;
  status?: Extract<AdrStatus, 'proposed' | 'accepted'>;
  supersedes?: number[];
  links?: AdrLink[];
  tags?: string[];
  decisionMakers?: string[];
  consulted?: string[];
  informed?: string[];
  description?: string;
  /** Plan only: returns what would be written, writes nothing. */
  dryRun?: boolean;
  /** Allow a second record whose title makes the same file slug. */
  force?: boolean;
}

export interface CreateAdrResult {
  number: number;
  /** Relative path of the new record. */
  path: string;
  content: string;
  /** Existing records edited in the same step (superseded or linked back). */
  updated: { number: number; path: string }[];
  dryRun: boolean;
}

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

/**
 * Creates `adr/NNNN-slug.md`. Holding the adr/ lock, it picks one past the
 * highest number in use (from file names only) and creates the file with
 * O_EXCL, so parallel runs never share a number. Superseded and linked
 * records are edited in the same all-or-nothing write.
 */
export async function createAdr(options: CreateAdrOptions): Promise<CreateAdrResult> {
  const { title, slug } = parseTitle(options.title, {
    folder: layout.adr,
    example: 'kb adr new "Use Redis Cluster for L2 cache"',
    slug: adrSlug,
  });
  const status = options.status ?? 'proposed';
  const supersedes = unique(options.supersedes ?? []);
  const links = (options.links ?? []).filter(
    (l, i, all) => all.findIndex((o) => o.type === l.type && o.target === l.target) === i,
  );
  const template = await loadAdrTemplate(options.root);
  const dir = path.join(options.root, layout.adr);

  const plan = async (): Promise<{ result: CreateAdrResult; writes: PlannedWrite[] }> => {
    const files = await listRecordFiles(dir);
    const twin = files.find((f) => f.name.slice(f.name.indexOf('-') + 1) === `${slug}.md`);
    if (twin && !options.force) {
      throw new KbError('EXISTS', `a record with this title already exists: ${layout.adr}/${twin.name}`, {
        file: `${layout.adr}/${twin.name}`,
        hint: 'edit that record, or pass --force to create another with the same title',
      });
    }
    const number = nextNumber(files);
    const name = fileNameFor(number, slug);
    const touched = new Map<number, { record: AdrRecord; fm: AdrFrontMatter }>();
    // Reading and validating other records (zod) is loaded only when needed.
    const records = supersedes.length + links.length > 0 ? await import('./records.ts') : undefined;
    const load = async (n: number) => {
      const hit = touched.get(n);
      if (hit) return hit;
      const record = await records!.findRecord(options.root, n, files);
      const entry = { record, fm: structuredClone(record.frontMatter) };
      touched.set(n, entry);
      return entry;
    };
    const related: string[] = [];
    for (const old of supersedes) {
      const entry = await load(old);
      assertTransition(old, entry.fm.status, 'superseded', entry.record.rel);
      entry.fm.status = 'superseded';
      entry.fm['superseded-by'] = number;
      related.push(`Supersedes [ADR ${old}: ${escapeInline(entry.fm.title)}](${path.basename(entry.record.file)})`);
    }
    for (const link of links) {
      const entry = await load(link.target);
      const inverse = inverseLinkType[link.type];
      if (!entry.fm.links.some((l) => l.type === inverse && l.target === number))
        entry.fm.links.push({ type: inverse, target: number });
      const verb = link.type.charAt(0).toUpperCase() + link.type.slice(1).replace(/-/g, ' ');
      related.push(
        `${verb} [ADR ${link.target}: ${escapeInline(entry.fm.title)}](${path.basename(entry.record.file)})`,
      );
    }
    const fm: AdrFrontMatter = {
      adr: number,
      title,
      status,
      date: options.today,
      'decision-makers': options.decisionMakers ?? [],
      consulted: options.consulted ?? [],
      informed: options.informed ?? [],
      tags: unique(options.tags ?? []),
      supersedes,
      links,
      description: options.description,
    };
    const content = await serializeMarkdownLazily(
      orderFrontMatter(fm),
      `\n${renderAdrBody(template, { title, related })}`,
    );
    const writes: PlannedWrite[] = [{ path: path.join(dir, name), content }];
    for (const { record, fm: edited } of touched.values())
      writes.push({ path: record.file, content: records!.renderRecord(record, edited) });
    return {
      writes,
      result: {
        number,
        path: `${layout.adr}/${name}`,
        content,
        updated: [...touched.values()].map(({ record }) => ({ number: record.number, path: record.rel })),
        dryRun: Boolean(options.dryRun),
      },
    };
  };

  if (options.dryRun) return (await plan()).result;
  return withAdrLock(dir, async () => {
    const { result, writes } = await plan();
    const [created, ...edits] = writes;
    if (edits.length === 0) {
      if (!(await createExclusive(created!.path, created!.content))) {
        throw new KbError('EXISTS', 'file already exists', {
          file: result.path,
          hint: 'retry: another tool wrote this number without the adr/ lock',
        });
      }
      return result;
    }
    if (
      await fs.access(created!.path).then(
        () => true,
        () => false,
      )
    ) {
      throw new KbError('EXISTS', 'file already exists', {
        file: result.path,
        hint: 'retry: another tool wrote this number without the adr/ lock',
      });
    }
    await writeFilesAtomic(writes, { force: true, root: options.root });
    return result;
  });
}
