/**
 * Feeds the searchable pages of a production build to Pagefind and writes its
 * index to `<outDir>/pagefind/`. Any error Pagefind reports, and any page the
 * rules of model.ts cannot read, fails the build with one line.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as PagefindModule from 'pagefind';
import { eachLimited } from '../../../scripts/core/each-limited.ts';
import { RUN_PAGES_DIR } from '../../../scripts/report/run-page-format.ts';
import { preparePage, urlOfBuiltFile, type PageContext } from './model.ts';

export const INDEX_DIR = 'pagefind';

/** Pagefind's ready-made UIs: we ship our own, so they are not written (about 430 KB). */
const UNUSED_FILE = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/;

/**
 * Run pages are written into the build by benchmark-views' postBuild, which runs alongside this one: they are
 * never read from the build (what would be there is a race); stored runs are indexed by suite (`runs`).
 */

/** Parts that exclude the Docusaurus pages from the scan. */
const NOT_PAGES = new Set(['assets', INDEX_DIR]);

export interface IndexSummary {
  pages: number;
  bySection: Record<string, number>;
  files: number;
  bytes: number;
}

/**
 * Loads the pagefind package. It is ESM only (its exports have no "require"
 * condition) and Docusaurus loads plugins through jiti 1, which turns import()
 * into require() and runs modules where a native import() is refused; so the
 * entry file is located by hand and loaded with Node's own require, which
 * loads ES modules since Node 20.19 (our engines floor).
 */
async function loadPagefindModule(fromDir: string): Promise<typeof PagefindModule> {
  const nodeRequire = createRequire(path.join(fromDir, 'package.json'));
  for (const dir of nodeRequire.resolve.paths('pagefind') ?? []) {
    const manifest = await readFile(path.join(dir, 'pagefind', 'package.json'), 'utf8').catch(() => undefined);
    if (!manifest) continue;
    const { exports } = JSON.parse(manifest) as { exports: { '.': { import: string } } };
    return nodeRequire(path.join(dir, 'pagefind', exports['.'].import)) as typeof PagefindModule;
  }
  throw new Error(`[search] the pagefind package is not installed (looked from ${fromDir}) — run npm ci`);
}

async function builtHtmlFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !NOT_PAGES.has(rel.split('/')[0]!) && !rel.startsWith(`${RUN_PAGES_DIR}/`))
    .sort();
}

function fail(problems: string[]): never {
  const more =
    problems.length > 1
      ? ` (and ${problems.length - 1} more: ${problems.slice(1, 4).join('; ')}${problems.length > 4 ? '; …' : ''})`
      : '';
  throw new Error(`[search] index not built: ${problems[0]}${more}`);
}

/** Stored runs as search knows them: a page (a suite's history) and what a reader would search it by. */
export interface SearchableRun {
  url: string;
  title: string;
  description: string;
  words: string[];
}

export async function buildSearchIndex(
  outDir: string,
  context: PageContext & {
    language: string;
    siteDir: string;
    runs?: readonly SearchableRun[];
    /** Where the index goes under outDir (default INDEX_DIR; a site part's: pagefind/parts/<name>). */
    indexDir?: string;
    /** No searchable page is not an error (a site part may have none): nothing is written. */
    emptyIsFine?: boolean;
  },
): Promise<IndexSummary> {
  const pagefind = await loadPagefindModule(context.siteDir);
  const files = await builtHtmlFiles(outDir);
  const problems: string[] = [];
  const bySection: Record<string, number> = {};
  let pages = 0;
  const created = await pagefind
    .createIndex({ forceLanguage: context.language, excludeSelectors: EXCLUDED })
    .catch((error: unknown) => {
      throw new Error(
        `[search] could not start Pagefind (${error instanceof Error ? error.message : String(error)}) — run npm ci so the optional @pagefind/${process.platform}-${process.arch} package is installed`,
      );
    });
  try {
    const { index } = created;
    if (!index) fail(created.errors.length ? created.errors : ['Pagefind created no index']);
    // Pagefind's answer for one page: counted in its section, or a problem naming it.
    const counted = (added: { errors: string[] }, name: string, section: string) => {
      if (added.errors.length > 0) problems.push(`${name}: ${added.errors.join(', ')}`);
      else {
        pages += 1;
        bySection[section] = (bySection[section] ?? 0) + 1;
      }
    };
    // A few pages at a time: each is read, tagged and sent to the Pagefind process.
    await eachLimited(files, 16, async (rel) => {
      const prepared = preparePage(await readFile(path.join(outDir, rel), 'utf8'), rel, context);
      if (prepared.kind === 'skip') return;
      if (prepared.kind === 'error') {
        problems.push(prepared.message);
        return;
      }
      counted(await index.addHTMLFile({ url: urlOfBuiltFile(rel), content: prepared.html }), rel, prepared.section);
    });
    // Stored runs, one record per suite (see searchableRuns): custom records, no HTML to parse.
    const runSection = context.labels.blog.default;
    if (runSection) {
      const filters = { section: [runSection], version: [...context.versions] };
      await eachLimited(context.runs ?? [], 16, async (run) => {
        const record = {
          url: run.url,
          content: `${run.title}. ${run.description} ${run.words.join(' ')}`,
          language: context.language,
          meta: { title: run.title },
          filters,
        };
        counted(await index.addCustomRecord(record), run.url, runSection);
      });
    }
    if (problems.length > 0) fail(problems);
    if (pages === 0 && context.emptyIsFine) return { pages: 0, bySection, files: 0, bytes: 0 };
    if (pages === 0)
      fail([`no page of the build is searchable (looked at ${files.length} HTML files for docs and blog posts)`]);
    const built = await index.getFiles();
    if (built.errors.length > 0) fail(built.errors);
    const target = path.join(outDir, context.indexDir ?? INDEX_DIR);
    await rm(target, { recursive: true, force: true });
    const written = built.files.filter((f) => !UNUSED_FILE.test(f.path));
    for (const file of written) {
      await mkdir(path.dirname(path.join(target, file.path)), { recursive: true });
      await writeFile(path.join(target, file.path), file.content);
    }
    const entry = written.find((f) => f.path === 'pagefind-entry.json');
    const entryPages = entry
      ? Object.values((JSON.parse(Buffer.from(entry.content).toString('utf8')) as PagefindEntry).languages).reduce(
          (n, l) => n + l.page_count,
          0,
        )
      : 0;
    if (entryPages !== pages)
      fail([`Pagefind's index holds ${entryPages} pages but ${pages} were added — some pages have no indexable text`]);
    return { pages, bySection, files: written.length, bytes: written.reduce((n, f) => n + f.content.length, 0) };
  } finally {
    await pagefind.close();
  }
}

interface PagefindEntry {
  languages: Record<string, { page_count: number }>;
}

/**
 * What inside a page's `<article>` is not its content: breadcrumbs, the
 * version badge and banner, the mobile table of contents, heading anchors,
 * copy buttons, edit/tag footers, report dates and authors, and SVG charts.
 */
export const EXCLUDED = [
  'nav',
  'footer',
  'button',
  'svg',
  '.theme-doc-version-badge',
  '.theme-doc-version-banner',
  '.theme-doc-toc-mobile',
  '.hash-link',
  'article > header time',
  'article > header .avatar',
];
