import { promises as fs } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { parseRunPageMeta, RUN_PAGES_DIR } from '../report/run-page-format.ts';
import { isKbError, type KbError } from './errors.ts';
import { cutFrontMatter } from './fence.ts';
import { parseMarkdown } from './front-matter.ts';

/** The sections of the knowledge base and where their sources live. */
export const sections = [
  { id: 'docs', dir: 'docs', route: '/docs', versioned: true },
  { id: 'runbooks', dir: 'runbooks', route: '/runbooks', versioned: true },
  { id: 'adr', dir: 'adr', route: '/adr', versioned: false },
  { id: 'reports', dir: 'reports', route: '/reports', versioned: false },
] as const;
export type SectionId = (typeof sections)[number]['id'];

export interface SourceDocument {
  /** Path relative to the project root, forward slashes. */
  path: string;
  section: SectionId;
  frontMatter: Record<string, unknown>;
  body: string;
  /** Lines taken by the front matter block, to turn body offsets into file lines. */
  frontMatterLines: number;
}

export interface LoadProblem {
  path: string;
  code: KbError['code'];
  message: string;
}

export interface LoadedDocuments {
  documents: SourceDocument[];
  /** Files that could not be read or parsed; loading goes on without them. */
  problems: LoadProblem[];
}

/** Largest file read as a document; bigger ones are reported, not loaded. */
export const maxDocumentBytes = 5 * 1024 * 1024;

/**
 * `kb ingest` writes run pages to RUN_PAGES_DIR: generated, one per stored run (up to thousands), never
 * hand-edited. loadDocuments leaves them out; loadRunPageDocuments reads them fast.
 */
export { RUN_PAGES_DIR };

/**
 * Reads every Markdown source of the current version of each section, run
 * pages excepted (see RUN_PAGES_DIR). Versioned copies (versioned_docs/) are
 * not included. Never throws on a bad file: each one becomes a problem and
 * the rest still load.
 */
export async function loadDocuments(root: string): Promise<LoadedDocuments> {
  const documents: SourceDocument[] = [];
  const problems: LoadProblem[] = [];
  for (const section of sections) {
    const files = await markdownFilesIn(path.join(root, section.dir), runPagesIn(section.dir));
    for (const file of files) {
      const rel = `${section.dir}/${file}`;
      try {
        const abs = path.join(root, rel);
        const stat = await fs.lstat(abs);
        if (!stat.isFile()) continue;
        if (stat.size > maxDocumentBytes) {
          problems.push({
            path: rel,
            code: 'INVALID_INPUT',
            message: `file is ${stat.size} bytes, over the ${maxDocumentBytes}-byte limit`,
          });
          continue;
        }
        const buffer = await fs.readFile(abs);
        if (buffer.includes(0)) {
          problems.push({ path: rel, code: 'INVALID_INPUT', message: 'file is binary, not Markdown' });
          continue;
        }
        const parsed = parseMarkdown(buffer.toString('utf8'), rel);
        documents.push({
          path: rel,
          section: section.id,
          frontMatter: parsed.data,
          body: parsed.body,
          frontMatterLines: parsed.frontMatterLines,
        });
      } catch (error) {
        if (isKbError(error)) problems.push({ path: rel, code: error.code, message: error.format() });
        else
          problems.push({
            path: rel,
            code: 'INVALID_INPUT',
            message: error instanceof Error ? error.message : String(error),
          });
      }
    }
  }
  return { documents, problems };
}

/**
 * Markdown files under `dir` the way Docusaurus sees them (no `_`-prefixed files or folders), sorted, relative
 * to `dir`; run pages (RUN_PAGES_DIR) left out.
 */
async function markdownFilesIn(dir: string, skip?: string): Promise<string[]> {
  const files = await glob(['**/*.md', '**/*.mdx'], {
    cwd: dir,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', '**/_*/**', '**/_*'],
  });
  return (skip ? files.filter((f) => !f.startsWith(skip)) : files).sort();
}

/** The run pages' folder relative to a section folder, when it holds them (`runs/` in `reports`). */
function runPagesIn(sectionDir: string): string | undefined {
  return RUN_PAGES_DIR.startsWith(`${sectionDir}/`) ? `${RUN_PAGES_DIR.slice(sectionDir.length + 1)}/` : undefined;
}

/**
 * The run pages as documents: front matter from the metadata line of each `<id>.html` (JSON: a YAML parse of
 * 10,000 front matters took 9 s) and the body of its `<id>.md`. A page that cannot be read is a problem.
 */
export async function loadRunPageDocuments(root: string): Promise<LoadedDocuments> {
  const dir = path.join(root, RUN_PAGES_DIR);
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.html')).sort();
  const documents: SourceDocument[] = [];
  const problems: LoadProblem[] = [];
  await Promise.all(
    names.map(async (name) => {
      const id = name.slice(0, -'.html'.length);
      const rel = `${RUN_PAGES_DIR}/${id}.md`;
      const [html, md] = await Promise.all([
        fs.readFile(path.join(dir, name), 'utf8').catch(() => ''),
        fs.readFile(path.join(dir, `${id}.md`), 'utf8').catch(() => undefined),
      ]);
      const meta = parseRunPageMeta(html);
      if (!meta || md === undefined) {
        problems.push({
          path: meta ? rel : `${RUN_PAGES_DIR}/${name}`,
          code: 'INVALID_INPUT',
          message: meta ? 'the run page has no Markdown file beside its HTML' : 'not a run page written by kb ingest',
        });
        return;
      }
      const { body, frontMatterLines } = cutFrontMatter(md);
      documents.push({ path: rel, section: 'reports', frontMatter: meta.frontMatter, body, frontMatterLines });
    }),
  );
  documents.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { documents, problems };
}

/** Where Docusaurus keeps a versioned section's frozen copies: `versioned_docs/` for docs, `<id>_versioned_docs/` for the others. */
export function versionedDirOf(section: (typeof sections)[number]): string | undefined {
  if (!section.versioned) return undefined;
  return section.id === 'docs' ? 'versioned_docs' : `${section.id}_versioned_docs`;
}

/**
 * Every Markdown file of the knowledge base's content, relative to the root:
 * each section's current version and the versioned copies. For edits that
 * must reach every page (renumbering an ADR rewrites links to it); unlike
 * loadDocuments it reads nothing.
 */
export async function listContentFiles(root: string): Promise<string[]> {
  const dirs = sections.flatMap((s) => [s.dir, versionedDirOf(s)].filter((d): d is string => d !== undefined));
  const out: string[] = [];
  for (const dir of dirs)
    for (const file of await markdownFilesIn(path.join(root, dir), runPagesIn(dir))) out.push(`${dir}/${file}`);
  return out;
}
