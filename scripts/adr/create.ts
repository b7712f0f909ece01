import path from 'node:path';
import { KbError } from '../core/errors.ts';
import type { PlannedWrite } from '../core/fs-atomic.ts';
import { escapeInline } from '../core/markdown-escape.ts';
import { serializeMarkdownLazily } from '../core/plain-yaml.ts';
import { layout } from '../core/project.ts';
import { adrSlug, parseTitle } from '../core/title.ts';
import { assertTransition } from './lifecycle.ts';
import { type AdrStatus, inverseLinkType, orderFrontMatter } from './model.ts';
import { fileNameFor, nextNumber } from './numbering.ts';
import type { AdrRecord } from './records.ts';
import type { AdrFrontMatter, AdrLink } from './schema.ts';
import { type AdrTemplate, renderAdrBody } from './template.ts';

// Planning a new record: values in, the files to write out. No lock, no read
// of the knowledge base, no write: run-new.ts does those around it.

/** What a new record is made from (the command line, with `today` passed in). */
export interface NewAdrRequest {
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
  /** Allow a second record whose title makes the same file slug. */
  force?: boolean;
}

/** What the plan needs to know of adr/, read by the caller (under the lock when writing). */
export interface AdrFolderSnapshot {
  /** Absolute path of adr/. */
  adrDir: string;
  /** Numbered record files, by name only. */
  files: readonly { name: string; number: number }[];
  template: AdrTemplate;
  /** The records the request supersedes or links to, by number. */
  related: ReadonlyMap<number, AdrRecord>;
  /** renderRecord from records.ts, when `related` is not empty (keeps zod off the hot path). */
  renderRecord?: (record: AdrRecord, frontMatter: AdrFrontMatter) => string;
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

export interface NewAdrPlan {
  result: CreateAdrResult;
  /** The new record: created exclusively (O_EXCL), never over a file. */
  create: PlannedWrite;
  /** Existing records rewritten with it, all or none. */
  edits: PlannedWrite[];
}

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

/** The numbers of the records a request must read (superseded and linked). */
export function relatedNumbers(request: Pick<NewAdrRequest, 'supersedes' | 'links'>): number[] {
  return unique([...(request.supersedes ?? []), ...(request.links ?? []).map((l) => l.target)]);
}

/**
 * Plans `adr/NNNN-slug.md`: one past the highest number in `folder.files`,
 * its content from the template, and the edits to superseded and linked
 * records. Throws BAD_TITLE, EXISTS (same slug without `force`), NOT_FOUND
 * (a related record missing from `folder.related`) or ILLEGAL_TRANSITION.
 * Async only because the yaml library is loaded when a value needs it.
 */
export async function planNewAdr(request: NewAdrRequest, folder: AdrFolderSnapshot): Promise<NewAdrPlan> {
  const { title, slug } = parseTitle(request.title, {
    folder: layout.adr,
    example: 'kb adr new "Use Redis Cluster for L2 cache"',
    slug: adrSlug,
  });
  const status = request.status ?? 'proposed';
  const supersedes = unique(request.supersedes ?? []);
  const links = (request.links ?? []).filter(
    (l, i, all) => all.findIndex((o) => o.type === l.type && o.target === l.target) === i,
  );
  const twin = folder.files.find((f) => f.name.slice(f.name.indexOf('-') + 1) === `${slug}.md`);
  if (twin && !request.force) {
    throw new KbError('EXISTS', `a record with this title already exists: ${layout.adr}/${twin.name}`, {
      file: `${layout.adr}/${twin.name}`,
      hint: 'edit that record, or pass --force to create another with the same title',
    });
  }
  const number = nextNumber(folder.files);
  const name = fileNameFor(number, slug);
  const touched = new Map<number, { record: AdrRecord; fm: AdrFrontMatter }>();
  const load = (n: number) => {
    const hit = touched.get(n);
    if (hit) return hit;
    const record = folder.related.get(n);
    if (!record)
      throw new KbError('NOT_FOUND', `no ADR numbered ${n} in ${layout.adr}/`, {
        hint: 'run kb adr list to see the numbers in use',
      });
    const entry = { record, fm: structuredClone(record.frontMatter) };
    touched.set(n, entry);
    return entry;
  };
  const related: string[] = [];
  for (const old of supersedes) {
    const entry = load(old);
    assertTransition(old, entry.fm.status, 'superseded', entry.record.rel);
    entry.fm.status = 'superseded';
    entry.fm['superseded-by'] = number;
    related.push(`Supersedes [ADR ${old}: ${escapeInline(entry.fm.title)}](${path.basename(entry.record.file)})`);
  }
  for (const link of links) {
    const entry = load(link.target);
    const inverse = inverseLinkType[link.type];
    if (!entry.fm.links.some((l) => l.type === inverse && l.target === number))
      entry.fm.links.push({ type: inverse, target: number });
    const verb = link.type.charAt(0).toUpperCase() + link.type.slice(1).replace(/-/g, ' ');
    related.push(`${verb} [ADR ${link.target}: ${escapeInline(entry.fm.title)}](${path.basename(entry.record.file)})`);
  }
  const fm: AdrFrontMatter = {
    adr: number,
    title,
    status,
    date: request.today,
    'decision-makers': request.decisionMakers ?? [],
    consulted: request.consulted ?? [],
    informed: request.informed ?? [],
    tags: unique(request.tags ?? []),
    supersedes,
    links,
    description: request.description,
  };
  const content = await serializeMarkdownLazily(
    orderFrontMatter(fm),
    `\n${renderAdrBody(folder.template, { title, related })}`,
  );
  const edits = [...touched.values()].map(({ record, fm: edited }) => {
    if (!folder.renderRecord) throw new KbError('INTERNAL', 'planNewAdr needs renderRecord to edit related records');
    return { path: record.file, content: folder.renderRecord(record, edited) };
  });
  return {
    create: { path: path.join(folder.adrDir, name), content },
    edits,
    result: {
      number,
      path: `${layout.adr}/${name}`,
      content,
      updated: [...touched.values()].map(({ record }) => ({ number: record.number, path: record.rel })),
      dryRun: false,
    },
  };
}
