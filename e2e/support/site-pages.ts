// Reads a production build (and the Markdown it came from) to choose test
// targets by content rather than hard-coded URLs: content is written in
// parallel by several people, so tests pick "a page that…" at run time.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export type PageType = 'doc' | 'blog-post' | 'other';

export interface BuiltPage {
  /** URL path, e.g. `/docs/plan` (trailingSlash: false). */
  url: string;
  file: string;
  type: PageType;
  title: string;
  /** Visible text of the main article: paragraphs, list items, table cells. */
  text: string;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

export function urlOfHtmlFile(siteDir: string, file: string): string {
  const rel = path.relative(siteDir, file).split(path.sep).join('/');
  const url = `/${rel.replace(/\.html$/, '')}`.replace(/(^|\/)index$/, '');
  return url === '' ? '/' : url;
}

/** Every HTML page of the build, typed by Docusaurus' `<html class>` markers. */
export async function readBuiltPages(siteDir: string): Promise<BuiltPage[]> {
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${path.sep}assets${path.sep}`))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const html = await readFile(file, 'utf8');
      const htmlClass = /<html[^>]*class="([^"]*)"/.exec(html)?.[1] ?? '';
      const type: PageType = htmlClass.includes('docs-doc-page')
        ? 'doc'
        : htmlClass.includes('blog-post-page')
          ? 'blog-post'
          : 'other';
      const title = stripTags(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '');
      const article = /<article[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
      // Prose only: code blocks are tokenised differently by the search index.
      const prose = [...article.replace(/<pre[\s\S]*?<\/pre>/g, ' ').matchAll(/<(p|li|td)[^>]*>([\s\S]*?)<\/\1>/g)]
        .map((m) => stripTags(m[2] ?? ''))
        .join(' ');
      return { url: urlOfHtmlFile(siteDir, file), file, type, title, text: prose };
    }),
  );
}

/** True for pages of a cut version (`/docs/phase-1/...`), which repeat current content. */
export function isVersionedCopy(url: string, cutVersions: readonly string[]): boolean {
  return cutVersions.some((v) => url.split('/').includes(v));
}

/**
 * A word (letters only, 7+ characters) that occurs in the prose of exactly one
 * current doc or report, and nowhere in any other page's title or prose; with
 * the page it occurs on. Deterministic: the rarest-looking, alphabetically first.
 */
export function findWordOnOnePage(
  pages: readonly BuiltPage[],
  cutVersions: readonly string[] = [],
): { word: string; page: BuiltPage } | undefined {
  const searchable = pages.filter((p) => p.type !== 'other' && !isVersionedCopy(p.url, cutVersions));
  const seenOn = new Map<string, Set<BuiltPage>>();
  for (const page of searchable) {
    const words = `${page.title} ${page.text}`.toLowerCase().match(/\b[a-z]{7,}\b/g) ?? [];
    for (const word of new Set(words)) {
      const set = seenOn.get(word) ?? new Set();
      set.add(page);
      seenOn.set(word, set);
    }
  }
  // Also rule out words used anywhere else (navbar, footer, list pages …).
  const elsewhere = pages
    .filter((p) => p.type === 'other')
    .map((p) => `${p.title} ${p.text}`.toLowerCase())
    .join(' ');
  const candidates = [...seenOn]
    .filter(([word, on]) => on.size === 1 && !elsewhere.includes(word))
    .map(([word, on]) => ({ word, page: [...on][0]! }))
    .filter(({ word, page }) => page.text.toLowerCase().split(word).length === 2 && page.title !== '')
    .sort((a, b) => a.word.localeCompare(b.word));
  return candidates[0];
}

/**
 * The file nginx (deploy/nginx.conf, `trailingSlash: false`) answers a URL path
 * with: `/docs/x` → `docs/x`, `docs/x.html` or `docs/x/index.html`; `/` → `index.html`.
 */
export async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  const rel = path.posix.normalize(decodeURIComponent(urlPath)).replace(/^\/+/, '');
  if (rel.startsWith('..')) return undefined;
  const base = path.join(root, rel);
  const candidates =
    rel === '' ? [path.join(root, 'index.html')] : [base, `${base}.html`, path.join(base, 'index.html')];
  for (const candidate of candidates) {
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  return undefined;
}

const DOCS_INSTANCES = ['docs', 'runbooks', 'adr'] as const;

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name) && !e.name.startsWith('_'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Docusaurus' URL for a doc file (id from path, number prefixes dropped, `slug` honoured). */
export function docUrl(instance: string, relFile: string, slug: unknown): string {
  const segments = relFile
    .replace(/\.mdx?$/, '')
    .split('/')
    .map((s) => s.replace(/^\d+[-_.]/, ''));
  const name = segments.pop()!;
  const dir = segments.join('/');
  if (typeof slug === 'string') {
    const resolved = slug.startsWith('/') ? slug : path.posix.join('/', dir, slug);
    return path.posix.join('/', instance, resolved).replace(/\/$/, '') || '/';
  }
  const isIndex = /^(index|readme)$/i.test(name) || name === segments.at(-1);
  return path.posix.join('/', instance, dir, isIndex ? '' : name).replace(/\/$/, '');
}

/** Current-version doc pages whose Markdown holds a Mermaid block and that exist in the build. */
export async function findMermaidPages(projectRoot: string, siteDir: string): Promise<string[]> {
  const urls: string[] = [];
  for (const instance of DOCS_INSTANCES) {
    const root = path.join(projectRoot, instance);
    for (const file of await markdownFiles(root)) {
      const source = await readFile(file, 'utf8');
      if (!/^\s*(```|~~~)\s*mermaid\b/m.test(source)) continue;
      const frontMatter = /^---\n([\s\S]*?)\n---/.exec(source)?.[1];
      let slug: unknown;
      try {
        slug = frontMatter ? (parseYaml(frontMatter) as { slug?: unknown } | null)?.slug : undefined;
      } catch {
        continue;
      }
      const url = docUrl(instance, path.relative(root, file).split(path.sep).join('/'), slug);
      if (await resolveFile(siteDir, url)) urls.push(url);
    }
  }
  return urls;
}

/** Names of the cut versions of the versioned sections (versions.json files). */
export async function readCutVersions(projectRoot: string): Promise<string[]> {
  const names = new Set<string>();
  for (const file of ['versions.json', 'runbooks_versions.json']) {
    const raw = await readFile(path.join(projectRoot, file), 'utf8').catch(() => undefined);
    if (!raw) continue;
    for (const v of JSON.parse(raw) as unknown[]) if (typeof v === 'string') names.add(v);
  }
  return [...names];
}

/** Report pages (reports/*.md[x]) that exist in the build, by their `kind` front matter, in file order. */
export async function findReportPages(projectRoot: string, siteDir: string): Promise<Map<string, string[]>> {
  const byKind = new Map<string, string[]>();
  for (const file of await markdownFiles(path.join(projectRoot, 'reports'))) {
    const frontMatter = /^---\n([\s\S]*?)\n---/.exec(await readFile(file, 'utf8'))?.[1];
    let fm: { kind?: unknown; slug?: unknown } | null;
    try {
      fm = frontMatter ? (parseYaml(frontMatter) as { kind?: unknown; slug?: unknown } | null) : null;
    } catch {
      continue;
    }
    if (typeof fm?.kind !== 'string' || typeof fm.slug !== 'string') continue;
    const url = path.posix.join('/reports', fm.slug);
    if (!(await resolveFile(siteDir, url))) continue;
    byKind.set(fm.kind, [...(byKind.get(fm.kind) ?? []), url]);
  }
  // The views built from benchmarks/ with the site (suite history, scale tests, baselines) have no source file:
  // the build's manifest lists them with their kind.
  const index = JSON.parse(await readFile(path.join(siteDir, 'kb-index.json'), 'utf8').catch(() => '{}')) as {
    documents?: { kind?: string; url?: string }[];
  };
  for (const d of index.documents ?? []) {
    if (!d.kind || !d.url?.startsWith('/reports/') || byKind.get(d.kind)?.includes(d.url)) continue;
    if (!(await resolveFile(siteDir, d.url))) continue;
    byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d.url]);
  }
  return byKind;
}
