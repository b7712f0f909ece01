import path from 'node:path/posix';
import { sections } from './documents.ts';

/**
 * The URL Docusaurus gives a current-version document, computed from its path
 * and front matter the way plugin-content-docs / plugin-content-blog do
 * (number prefixes stripped, index/readme/folder-named files are the folder's
 * page, `slug` absolute or relative, blog dates in the URL). Used to check
 * `/docs/...` style links without building the site.
 */
export function permalinkOf(docPath: string, frontMatter: Record<string, unknown>): string | undefined {
  const section = sections.find((s) => docPath.startsWith(`${s.dir}/`));
  if (!section) return undefined;
  const rel = docPath.slice(section.dir.length + 1);
  const slug = typeof frontMatter.slug === 'string' ? frontMatter.slug : undefined;
  if (section.id === 'reports') return joinRoute(section.route, slug ?? blogSlug(rel));
  return joinRoute(section.route, docSlug(rel, slug, typeof frontMatter.id === 'string' ? frontMatter.id : undefined));
}

const ignoredPrefix = /^\d+[-_.]\d+/;
const numberPrefix = /^(\d+)\s*[-_.]+\s*([^-_.\s].*)$/;

export function stripNumberPrefix(name: string): string {
  if (ignoredPrefix.test(name)) return name;
  return numberPrefix.exec(name)?.[2] ?? name;
}

function docSlug(rel: string, frontMatterSlug: string | undefined, frontMatterId: string | undefined): string {
  if (frontMatterSlug?.startsWith('/')) return frontMatterSlug;
  const dir = path.dirname(rel);
  const fileName = path.basename(rel).replace(/\.mdx?$/, '');
  const dirSlug = dir === '.' ? '/' : `/${dir.split('/').map(stripNumberPrefix).join('/')}/`;
  const parentName = dir === '.' ? undefined : dir.split('/').at(-1)?.toLowerCase();
  const lower = fileName.toLowerCase();
  if (!frontMatterSlug && (lower === 'index' || lower === 'readme' || lower === parentName)) return dirSlug;
  const base = frontMatterSlug ?? frontMatterId ?? stripNumberPrefix(fileName);
  return path.resolve(dirSlug, base);
}

const dateFileName = /^(.*?)(\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(.*?)(?:\/index)?\.mdx?$/;

function blogSlug(rel: string): string {
  const m = dateFileName.exec(rel);
  if (m) return `/${m[2]!.replace(/-/g, '/')}/${m[1]}${m[3]}`;
  return `/${rel.replace(/(?:\/index)?\.mdx?$/, '')}`;
}

function joinRoute(base: string, slug: string): string {
  const joined = `${base}/${slug}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Normalises a route written in a link: no trailing slash, no `.html`, decoded. */
export function normalizeRoute(route: string): string {
  let r = route;
  try {
    r = decodeURI(r);
  } catch {
    // keep it as written
  }
  r = r.replace(/\/index\.html$|\.html$/, '').replace(/\/{2,}/g, '/');
  return r.length > 1 ? r.replace(/\/$/, '') : r;
}
