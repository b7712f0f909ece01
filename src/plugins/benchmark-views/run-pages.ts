/**
 * Run pages in the built site. Each stored run has its page written once by
 * `kb ingest` (scripts/report/run-page.ts): `reports/runs/<id>.html` holds the
 * article. They are not Docusaurus routes — 10,000 routes would cost the build
 * minutes of bundling and rendering — but one route, `/reports/runs/:run`,
 * serves them all:
 * - the build renders that route once, with placeholders (the "frame": navbar,
 *   footer, scripts and styles of this very build), and postBuild writes every
 *   run's page as the frame with the run's title, description, URL and article
 *   put in, then removes the frame;
 * - in the browser the route's component (src/components/RunPage) hydrates the
 *   article it finds in the page, or fetches it when the reader navigated there
 *   from another page of the site;
 * - Docusaurus's broken-link check matches `/reports/runs/<id>` links against
 *   that route; `kb check` checks each one against the stored pages.
 */
import { closeSync, existsSync, promises as fs, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml } from '../../../scripts/core/markdown-escape.ts';
import { escapeRegExp } from '../../../scripts/core/regexp.ts';
import {
  FRAME_TOKENS,
  parseRunPageMeta,
  RUN_PAGE_META_END,
  RUN_PAGES_DIR,
  type RunPageMeta,
} from '../../../scripts/report/run-page-format.ts';
import { NotARunPageError, type Part, type WriteJob, writeInThreads } from '../write-in-threads.ts';

/** The one route of every run page. */
export const RUN_ROUTE_PARAM = ':run';

export interface RunPageEntry extends RunPageMeta {
  /** The HTML file, relative to the site. */
  file: string;
}

/**
 * A run page with its article, read once (10,000 files read twice cost seconds on a slow disk). The article
 * stays the UTF-8 bytes of its file: it goes into the built page unchanged, and decoding 10,000 articles
 * into strings only to encode them again took 6 of the build's seconds (and 350 MB of its heap).
 */
export interface LoadedRunPage extends RunPageEntry {
  article: Uint8Array;
}

const metaEnd = Buffer.from(RUN_PAGE_META_END);

/** A run page file's metadata and article (trailing whitespace cut); undefined when it is not a run page. */
export function splitRunPageFile(bytes: Buffer): { meta: RunPageMeta; article: Uint8Array } | undefined {
  const end = bytes.indexOf(metaEnd);
  const meta = end < 0 ? undefined : parseRunPageMeta(bytes.toString('utf8', 0, end + metaEnd.length));
  if (!meta) return undefined;
  let last = bytes.length;
  // Space, tab, line feed, carriage return: what String#trimEnd cuts from a file's end.
  while (last > end + metaEnd.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[last - 1]!)) last--;
  return { meta, article: bytes.subarray(end + metaEnd.length, last) };
}

/** Bytes read at a time for a run page's metadata line (a line is under 1 KB; a longer one is read on). */
const META_CHUNK = 8192;

/** A run page file's metadata line alone, read from its head; undefined when the file has none. */
function readRunPageMeta(file: string, chunk: Buffer): RunPageMeta | undefined {
  const fd = openSync(file, 'r');
  try {
    let buffer = chunk;
    let length = 0;
    for (;;) {
      if (length === buffer.length) buffer = Buffer.concat([buffer.subarray(0, length), Buffer.allocUnsafe(length)]);
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      length += read;
      const end = buffer.subarray(0, length).indexOf(metaEnd);
      if (end >= 0) return parseRunPageMeta(buffer.toString('utf8', 0, end + metaEnd.length));
      if (read === 0) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}

const notARunPage = (file: string, id: string) =>
  new Error(
    `[benchmark-views] ${file}: not a run page written by kb ingest (its first line must be <!--kb-run {…}--> with url /${RUN_PAGES_DIR}/${id}) — run \`kb ingest --regenerate\`, or move the file out of ${RUN_PAGES_DIR}/`,
  );

/**
 * Every run page of the site, newest first, without its article: the metadata line of each file only. A
 * file that is not a run page (no metadata line, or its URL is not its file's) fails the build with one
 * line naming it: it would otherwise be served without a frame, or not at all. The articles are read when
 * the pages are written (readRunArticle): read here, 10,000 of them (590 MB) held the build's content
 * phase for 1.4 s (--cpu-prof, bench:history).
 */
export async function loadRunPageEntries(siteDir: string): Promise<RunPageEntry[]> {
  const dir = path.join(siteDir, RUN_PAGES_DIR);
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.html')).sort();
  // Read synchronously, one after another: small reads in the page cache, where each promise read costs
  // thread-pool round trips. 10,000 pages took seconds of main-thread time that way (--cpu-prof, bench:history).
  const chunk = Buffer.allocUnsafe(META_CHUNK);
  const entries = names.map((name) => {
    const file = `${RUN_PAGES_DIR}/${name}`;
    const meta = readRunPageMeta(path.join(siteDir, file), chunk);
    const id = name.slice(0, -'.html'.length);
    if (!meta || meta.url !== `/${RUN_PAGES_DIR}/${id}`) throw notARunPage(file, id);
    return { ...meta, file };
  });
  return entries.sort(
    (a, b) =>
      b.frontMatter.date.localeCompare(a.frontMatter.date) || b.frontMatter.run.localeCompare(a.frontMatter.run),
  );
}

/** The article of a run page file's bytes, checked against the entry the page was listed as. */
function articleOf(bytes: Buffer, entry: RunPageEntry): Uint8Array {
  const parsed = splitRunPageFile(bytes);
  if (!parsed || parsed.meta.url !== entry.url) throw notARunPage(entry.file, path.basename(entry.file, '.html'));
  return parsed.article;
}

/** A run page's article: its file's bytes after the metadata line (the file is read whole). */
export function readRunArticle(siteDir: string, entry: RunPageEntry): Uint8Array {
  return articleOf(readFileSync(path.join(siteDir, entry.file)), entry);
}

/** The frame's file in the build, as Docusaurus wrote it for the route (trailing slash or not). */
export async function findFrame(outDir: string): Promise<string> {
  const candidates = [`${RUN_PAGES_DIR}/${RUN_ROUTE_PARAM}.html`, `${RUN_PAGES_DIR}/${RUN_ROUTE_PARAM}/index.html`];
  for (const c of candidates) {
    const abs = path.join(outDir, c);
    if (await fs.stat(abs).catch(() => null)) return abs;
  }
  throw new Error(
    `[benchmark-views] the run page frame (${candidates.join(' or ')}) is not in the build: Docusaurus no longer renders the /${RUN_PAGES_DIR}/${RUN_ROUTE_PARAM} route as before — set KB_RUN_PAGES=routes in the environment to build run pages as ordinary routes while this is fixed`,
  );
}

/** Checks that the frame has each placeholder, so a theme change cannot silently ship empty run pages. */
export function checkFrame(frame: string): void {
  for (const [name, token] of Object.entries(FRAME_TOKENS))
    if (!frame.includes(token))
      throw new Error(
        `[benchmark-views] the run page frame has no ${name} placeholder (${token}): src/components/RunPage no longer renders it — fix the component or set KB_RUN_PAGES=routes`,
      );
}

type Slot = 'url' | keyof typeof FRAME_TOKENS;

/**
 * The frame cut once at each place a run's text goes, so a page is a join of pieces: 10,000 pages with six
 * replaceAll passes each over the 30 KB frame cost seconds. `pieces` are the frame's own bytes, encoded once;
 * `parts` gives a page as the list of parts to write (write-in-threads.ts): indexes into `pieces`, the run's
 * escaped text, and its article (bytes, or the stored page to read it from). Pure.
 */
export function compileFrame(frame: string): {
  pieces: Uint8Array[];
  parts: (meta: RunPageMeta, article: Exclude<Part, number>) => Part[];
} {
  const marks: [string, Slot][] = [
    [`/${RUN_PAGES_DIR}/${RUN_ROUTE_PARAM}`, 'url'],
    [`/${RUN_PAGES_DIR}/${encodeURIComponent(RUN_ROUTE_PARAM)}`, 'url'],
    ...(Object.entries(FRAME_TOKENS) as [keyof typeof FRAME_TOKENS, string][]).map(
      ([slot, token]) => [token, slot] as [string, Slot],
    ),
  ];
  const pattern = new RegExp(marks.map(([text]) => escapeRegExp(text)).join('|'), 'g');
  const slotOf = new Map(marks);
  const texts: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  let articleSeen = false;
  for (const match of frame.matchAll(pattern)) {
    const slot = slotOf.get(match[0])!;
    // The article goes in once, at its first placeholder (a second would be text of the article's own).
    if (slot === 'article' && articleSeen) continue;
    if (slot === 'article') articleSeen = true;
    texts.push(frame.slice(last, match.index));
    slots.push(slot);
    last = match.index + match[0].length;
  }
  texts.push(frame.slice(last));
  return {
    pieces: texts.map((piece) => Buffer.from(piece)),
    parts: (meta, article) => {
      const values: Record<Exclude<Slot, 'article'>, string> = {
        url: meta.url,
        id: escapeHtml(meta.frontMatter.run),
        title: escapeHtml(meta.frontMatter.title),
        description: escapeHtml(meta.frontMatter.description),
      };
      const out: Part[] = [0];
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        out.push(slot === 'article' ? article : values[slot], i + 1);
      }
      return out;
    },
  };
}

/** One run's page: the frame with the run's text put in. Pure. */
export function fillFrame(frame: string, meta: RunPageMeta, article: string): string {
  const { pieces, parts } = compileFrame(frame);
  return parts(meta, article)
    .map((part) => (typeof part === 'number' ? Buffer.from(pieces[part]!).toString('utf8') : String(part)))
    .join('');
}

/** Where a page's HTML goes in the build: `reports/runs/<id>.html`, or `…/<id>/index.html` with trailing slashes. */
function outputFile(outDir: string, url: string, frameFile: string): string {
  const rel = url.replace(/^\//, '');
  return frameFile.endsWith(`${path.sep}index.html`)
    ? path.join(outDir, rel, 'index.html')
    : path.join(outDir, `${rel}.html`);
}

/**
 * Writes every run page into the build from the frame, then removes the frame. Returns how many. Each page's
 * article is read from its stored page in `siteDir` just before the page is written, by the thread that
 * writes it (write-in-threads.ts): the 10,000 articles of a long history are 590 MB, never held at once.
 * A stored page replaced since it was listed fails the build naming it.
 */
export async function writeRunPages(outDir: string, siteDir: string, runs: readonly RunPageEntry[]): Promise<number> {
  const frameFile = await findFrame(outDir);
  const frame = await fs.readFile(frameFile, 'utf8');
  checkFrame(frame);
  const { pieces, parts } = compileFrame(frame);
  await fs.mkdir(path.join(outDir, RUN_PAGES_DIR), { recursive: true });
  const nested = frameFile.endsWith(`${path.sep}index.html`);
  const bySource = new Map(runs.map((run) => [path.join(siteDir, run.file), run]));
  const jobs: WriteJob[] = runs.map((run) => ({
    file: outputFile(outDir, run.url, frameFile),
    parts: parts(run, { article: path.join(siteDir, run.file), url: run.url }),
    mkdir: nested,
  }));
  try {
    await writeInThreads(jobs, pieces);
  } catch (error) {
    const run = error instanceof NotARunPageError ? bySource.get(error.file) : undefined;
    throw run ? notARunPage(run.file, path.basename(run.file, '.html')) : error;
  }
  await fs.rm(nested ? path.dirname(frameFile) : frameFile, { recursive: true, force: true });
  return runs.length;
}

/** A view page's body to put in its built page (see VIEW_ARTICLE_TOKEN in types.ts). */
export interface FramedView {
  url: string;
  html: string;
}

/**
 * Puts each framed view's body into its built page, in place of the one placeholder the page holds. A page
 * without it, or with it twice, fails the build naming the page and the switch-off: the component no longer
 * renders the placeholder as before, and the page would show it.
 */
export function fillViewPages(outDir: string, views: readonly FramedView[], token: string): number {
  for (const view of views) {
    const rel = view.url.replace(/^\//, '');
    const file = [path.join(outDir, `${rel}.html`), path.join(outDir, rel, 'index.html')].find((f) => existsSync(f));
    if (!file)
      throw new Error(
        `[benchmark-views] the page of ${view.url} is not in the build — set KB_RUN_PAGES=routes in the environment to build views with their bodies inline while this is fixed`,
      );
    const page = readFileSync(file, 'utf8');
    const at = page.indexOf(token);
    if (at < 0 || page.indexOf(token, at + token.length) >= 0)
      throw new Error(
        `[benchmark-views] ${path.relative(outDir, file)}: the view's placeholder (${token}) is ${at < 0 ? 'missing' : 'there more than once'}: src/components/BenchmarkView no longer renders it as before — fix the component or set KB_RUN_PAGES=routes`,
      );
    writeFileSync(file, page.slice(0, at) + view.html + page.slice(at + token.length));
  }
  return views.length;
}
