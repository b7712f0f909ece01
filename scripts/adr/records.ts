import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KbError, isKbError } from '../core/errors.ts';
import { parseMarkdown, serializeMarkdown } from '../core/front-matter.ts';
import { layout } from '../core/project.ts';
import { listRecordFiles } from './numbering.ts';
import { adrFrontMatterSchema, orderFrontMatter, type AdrFrontMatter } from './schema.ts';

export interface AdrRecord {
  /** The number in the file name (the front matter `adr` must agree). */
  number: number;
  /** Absolute path. */
  file: string;
  /** Path relative to the project root, forward slashes. */
  rel: string;
  frontMatter: AdrFrontMatter;
  /** Front matter exactly as read (keeps keys this tool does not know). */
  data: Record<string, unknown>;
  body: string;
}

export function adrDir(root: string): string {
  return path.join(root, layout.adr);
}

/** Parses one record's text; the file's number fills a missing `adr` key. */
export function parseRecord(source: string, rel: string, fileNumber: number, file = rel): AdrRecord {
  const { data, body } = parseMarkdown(source, rel);
  const withNumber = { adr: fileNumber, ...data };
  const result = adrFrontMatterSchema.safeParse(withNumber);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new KbError('INVALID_FRONT_MATTER', issue.message, {
      file: rel,
      field: issue.path.join('.') || 'front matter',
      hint: 'fix the front matter (see DEVELOPERS.md, ADRs)',
    });
  }
  return { number: fileNumber, file, rel, frontMatter: result.data, data, body };
}

export async function readRecord(root: string, name: string, number: number): Promise<AdrRecord> {
  const rel = `${layout.adr}/${name}`;
  const file = path.join(root, rel);
  return parseRecord(await fs.readFile(file, 'utf8'), rel, number, file);
}

/** Every numbered record; unreadable ones are returned as problems, not thrown. */
export async function loadRecords(root: string): Promise<{ records: AdrRecord[]; problems: KbError[] }> {
  const files = await listRecordFiles(adrDir(root));
  const records: AdrRecord[] = [];
  const problems: KbError[] = [];
  for (const f of files) {
    try {
      records.push(await readRecord(root, f.name, f.number));
    } catch (error) {
      if (isKbError(error)) problems.push(error);
      else throw error;
    }
  }
  return { records, problems };
}

/** Finds record N by file name (reads only that file). */
export async function findRecord(
  root: string,
  number: number,
  files?: readonly { name: string; number: number }[],
): Promise<AdrRecord> {
  const list = files ?? (await listRecordFiles(adrDir(root)));
  const matches = list.filter((f) => f.number === number);
  if (matches.length === 0) {
    throw new KbError('NOT_FOUND', `no ADR numbered ${number} in ${layout.adr}/`, {
      hint: 'run kb adr list to see the numbers in use',
    });
  }
  if (matches.length > 1) {
    throw new KbError('INVALID_INPUT', `ADR number ${number} is used by ${matches.map((m) => m.name).join(' and ')}`, {
      file: layout.adr,
      hint: 'run kb adr renumber to give the later one a free number',
    });
  }
  return readRecord(root, matches[0]!.name, number);
}

/** The record's text with new front matter (unknown keys kept, body untouched). */
export function renderRecord(record: AdrRecord, frontMatter: AdrFrontMatter, body = record.body): string {
  return serializeMarkdown(orderFrontMatter(frontMatter, record.data), body);
}
