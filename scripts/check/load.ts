import { type Dirent, promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { maxDocumentBytes, sections, type SectionId } from '../core/documents.ts';
import { isKbError } from '../core/errors.ts';
import { parseMarkdownFast } from './fast-front-matter.ts';
import { finding, type Finding } from './findings.ts';

/** A Markdown document as the rules see it. */
export interface CheckDocument {
  /** Relative to the project root, forward slashes. */
  path: string;
  section: SectionId;
  frontMatter: Record<string, unknown>;
  body: string;
  /** Lines taken by the front matter block; body line n is file line n + frontMatterLines. */
  frontMatterLines: number;
  /** The raw front matter text, to find the line of a key. */
  frontMatterText: string;
}

export interface CheckInput {
  documents: CheckDocument[];
  /** Every file under the content folders (any extension), for link targets. */
  files: Set<string>;
  /** Files that could not be checked: unreadable, too large, broken YAML. */
  findings: Finding[];
}

export interface LoadOptions {
  /** Largest file read as a document (default: core's maxDocumentBytes, 5 MB). */
  maxBytes?: number;
}

const markdown = /\.mdx?$/;
const frontMatterBlock = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/**
 * Reads one file; every way it can fail becomes a finding instead of a throw.
 * Synchronous on purpose: for thousands of small files, one stat + read each
 * on the main thread costs about a fifth of the CPU of promise-based reads
 * through the libuv pool (measured in bench/check), and no file handle is
 * ever held open, so there is no limit to manage.
 */
function readDocument(root: string, rel: string, section: SectionId, maxBytes: number): CheckDocument | Finding {
  const abs = path.join(root, rel);
  try {
    const stat = statSync(abs);
    if (!stat.isFile())
      return finding(
        rel,
        0,
        'unreadable',
        'error',
        'is not a regular file',
        'replace it with a Markdown file or remove it',
      );
    if (stat.size > maxBytes) {
      return finding(
        rel,
        0,
        'too-large',
        'error',
        `file is ${stat.size} bytes, over the ${maxBytes}-byte limit, so it was not checked`,
        'split it into smaller pages or move data out of Markdown',
      );
    }
    const buffer = readFileSync(abs);
    if (buffer.includes(0))
      return finding(
        rel,
        0,
        'unreadable',
        'error',
        'file is binary, not Markdown',
        'rename it without a .md/.mdx extension or move it to static/',
      );
    const text = buffer.toString('utf8');
    try {
      const parsed = parseMarkdownFast(text, rel);
      const raw = parsed.frontMatterLines > 0 ? (frontMatterBlock.exec(text)?.[1] ?? '') : '';
      return {
        path: rel,
        section,
        frontMatter: parsed.data,
        body: parsed.body,
        frontMatterLines: parsed.frontMatterLines,
        frontMatterText: raw,
      };
    } catch (error) {
      const message = isKbError(error) ? error.message : String(error);
      const line = Number(/\(line (\d+)\)/.exec(message)?.[1] ?? 0);
      return finding(
        rel,
        line > 0 ? line + 1 : 1,
        'front-matter-yaml',
        'error',
        message,
        'fix the YAML between the --- fences',
      );
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ELOOP'
        ? 'is a symbolic link loop'
        : code === 'ENOENT'
          ? 'is a broken symbolic link'
          : `cannot be read (${code ?? String(error)})`;
    return finding(
      rel,
      0,
      'unreadable',
      'error',
      why,
      'replace the link with the file it should point to, or remove it',
    );
  }
}

interface Listing {
  files: string[];
  symlinks: string[];
}

/**
 * Lists a folder recursively without following symbolic links (so a link
 * loop cannot hang the walk); symlinks are returned apart to be judged.
 */
async function listSection(root: string, dir: string): Promise<Listing> {
  const base = path.join(root, dir);
  let entries: Dirent[];
  try {
    entries = await fs.readdir(base, { withFileTypes: true, recursive: true });
  } catch {
    return { files: [], symlinks: [] };
  }
  const files: string[] = [];
  const symlinks: string[] = [];
  for (const entry of entries) {
    const rel = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (rel.includes('/node_modules/')) continue;
    if (entry.isFile()) files.push(rel);
    else if (entry.isSymbolicLink()) symlinks.push(rel);
  }
  return { files, symlinks };
}

/** A symlink to a file is read like a file; loops, broken links and links to folders are findings. */
async function judgeSymlink(root: string, rel: string): Promise<'file' | Finding> {
  const abs = path.join(root, rel);
  const hint = 'replace the link with the file or folder it should point to, or remove it';
  try {
    const stat = await fs.stat(abs);
    if (stat.isFile()) return 'file';
    const target = await fs.realpath(abs);
    const here = await fs.realpath(path.dirname(abs));
    if (here === target || here.startsWith(target + path.sep)) {
      return finding(
        rel,
        0,
        'unreadable',
        'error',
        'is a symbolic link loop (points to a folder that contains it)',
        hint,
      );
    }
    return finding(rel, 0, 'unreadable', 'warning', 'is a symbolic link to a folder; its pages are not checked', hint);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ELOOP'
        ? 'is a symbolic link loop'
        : code === 'ENOENT'
          ? 'is a broken symbolic link'
          : `cannot be read (${code ?? String(error)})`;
    return finding(rel, 0, 'unreadable', 'error', why, hint);
  }
}

const isDocument = (rel: string) =>
  markdown.test(rel) && !rel.split('/').some((part) => part.startsWith('_') || part.startsWith('.'));

/**
 * Reads the current version of every section: all files (for link targets)
 * and every Markdown document.
 * Files and folders starting with `_` are partials, skipped as Docusaurus does.
 */
export async function loadCheckInput(root: string, options: LoadOptions = {}): Promise<CheckInput> {
  const maxBytes = options.maxBytes ?? maxDocumentBytes;
  const files = new Set<string>();
  const findings: Finding[] = [];
  const jobs: { rel: string; section: SectionId }[] = [];
  const listings = await Promise.all(sections.map((section) => listSection(root, section.dir)));
  for (const [i, section] of sections.entries()) {
    const listing = listings[i]!;
    for (const rel of listing.files) {
      files.add(rel);
      if (isDocument(rel)) jobs.push({ rel, section: section.id });
    }
    for (const rel of listing.symlinks) {
      const verdict = await judgeSymlink(root, rel);
      if (verdict !== 'file') findings.push(verdict);
      else {
        files.add(rel);
        if (isDocument(rel)) jobs.push({ rel, section: section.id });
      }
    }
  }
  jobs.sort((a, b) => (a.rel < b.rel ? -1 : 1));
  const documents: CheckDocument[] = [];
  for (const job of jobs) {
    const r = readDocument(root, job.rel, job.section, maxBytes);
    if ('rule' in r) findings.push(r);
    else documents.push(r);
  }
  return { documents, files, findings };
}

/** The file line of a top-level front matter key (1 when it is absent: the opening fence). */
export function lineOfKey(doc: CheckDocument, key: string): number {
  if (!doc.frontMatterText) return 1;
  const lines = doc.frontMatterText.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${key}:`) || l.startsWith(`'${key}':`) || l.startsWith(`"${key}":`));
  return i >= 0 ? i + 2 : 1;
}
