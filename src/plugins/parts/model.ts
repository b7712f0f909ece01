/**
 * Site parts: one knowledge base built as several Docusaurus builds (one per
 * part, e.g. in parallel CI jobs) and merged into one site under one host
 * (deploy/parts.ts). Every part loads the whole site — sidebars, navbar,
 * version menus, broken-link checks, llms.txt and kb-index.json see every
 * page — but bundles and renders only the pages it owns. The table lives in
 * docusaurus.config.ts (`customFields.siteParts`); `KB_PART=<name>` picks the
 * part a build makes. Without KB_PART the site builds whole, as always.
 *
 * A part owns the URL paths under its prefixes (whole segments: `/docs` owns
 * `/docs` and `/docs/x`, not `/docsx`); the longest prefix wins, and the one
 * part without prefixes (the home part) owns everything else: the home page,
 * the 404 page, assets, and the site-wide files (sitemap, llms.txt, …).
 */
import * as z from 'zod';
import { urlOfBuiltFile } from '../search/model.ts';
import { homePart, ownerOf, PART_INDEX_DIR, withoutBase, type SitePart } from './owner.ts';

export { homePart, ownerOf, PART_INDEX_DIR, withoutBase, type SitePart };

export interface SiteParts {
  parts: SitePart[];
  /** The part this build makes; undefined for a whole-site build. */
  current?: string;
}

/** What a part build writes at the root of its output, for the merge to check the parts fit together. */
export const PART_MARK_FILE = '.kb-part.json';

export interface PartMark {
  part: string;
  parts: SitePart[];
  /** Pages (HTML files) this part rendered. */
  pages: number;
}

const WHERE = 'docusaurus.config.ts customFields.siteParts';

const prefix = z
  .string()
  .regex(/^\/[^?#\s]*[^/?#\s]$/, 'a URL path such as /docs or /docs/guides (leading /, no trailing /)');
const partSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and - (it names a folder and a CI job)'),
  paths: z.array(prefix),
});
const tableSchema = z.array(partSchema).min(2, 'at least two parts (one of them with no paths: the home part)');

/** The parts table, checked: unique names and prefixes, exactly one home part. One line per problem, naming the field. */
export function parseSiteParts(value: unknown): SitePart[] {
  const parsed = tableSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${WHERE}.parts.${issue.path.join('.')}: ${issue.message}`);
  }
  const parts = parsed.data;
  const names = new Set<string>();
  const prefixes = new Map<string, string>();
  for (const part of parts) {
    if (names.has(part.name)) throw new Error(`${WHERE}.parts: the name ${part.name} is used twice — rename one`);
    names.add(part.name);
    for (const p of part.paths) {
      const other = prefixes.get(p);
      if (other) throw new Error(`${WHERE}.parts: ${p} is claimed by ${other} and ${part.name} — give it to one`);
      prefixes.set(p, part.name);
    }
  }
  const homes = parts.filter((p) => p.paths.length === 0);
  if (homes.length !== 1)
    throw new Error(
      `${WHERE}.parts: ${homes.length} parts have no paths; exactly one must (the home part, which owns the home page and every path no other part claims)`,
    );
  return parts;
}

/** The URL path an output file answers (`docs/x.html` → `/docs/x`, `docs/index.html` → `/docs`, `docs/x.md` → `/docs/x`). */
export function urlOfOutputFile(relativePath: string): string {
  // A page's precompressed copies and its mirror answer for the page.
  return urlOfBuiltFile(relativePath.replace(/\.(br|gz)$/, '').replace(/\.md$/, '.html'));
}

interface SiteConfigLike {
  baseUrl: string;
  customFields?: Record<string, unknown>;
}

/** The parts of this build: the table, the current part (checked against it), and what the current part owns. */
export interface PartsOfBuild {
  parts: SitePart[];
  /** The current part, or undefined for a whole-site build. */
  current?: string;
  isHome: boolean;
  /** True when this build makes the page at `pathname` (base URL included); always true for a whole-site build. */
  owns(pathname: string): boolean;
  /** True when this build writes the output file `relativePath` (see urlOfOutputFile). */
  ownsFile(relativePath: string): boolean;
}

export function partsOfBuild(siteConfig: SiteConfigLike | undefined): PartsOfBuild {
  const raw = siteConfig?.customFields?.siteParts as Partial<SiteParts> | undefined;
  if (!raw?.current) {
    return { parts: raw?.parts ?? [], isHome: true, owns: () => true, ownsFile: () => true };
  }
  const parts = parseSiteParts(raw.parts);
  const current = raw.current;
  if (!parts.some((p) => p.name === current))
    throw new Error(
      `KB_PART=${current}: no such part in ${WHERE} — use one of ${parts.map((p) => p.name).join(', ')}, or leave KB_PART unset to build the whole site`,
    );
  const baseUrl = siteConfig!.baseUrl;
  const owns = (pathname: string) => ownerOf(parts, withoutBase(pathname, baseUrl)) === current;
  return {
    parts,
    current,
    isHome: homePart(parts) === current,
    owns,
    ownsFile: (relativePath) => ownerOf(parts, urlOfOutputFile(relativePath)) === current,
  };
}

/**
 * True when the build described by `siteParts` renders the page at `pathname` (base URL excluded): always
 * for a whole-site build. For plugins whose postBuild reads their own rendered pages, such as the blog's
 * feeds (they read each post's HTML): they are left on only in the part that renders them.
 */
export function buildsPath(siteParts: SiteParts, pathname: string): boolean {
  return !siteParts.current || ownerOf(parseSiteParts(siteParts.parts), pathname) === siteParts.current;
}

/** A route as Docusaurus' codegen takes it: nested routes are kept when one of their leaves is. */
export interface RouteLike {
  path: string;
  routes?: RouteLike[];
}

/** The routes a part bundles and renders: the leaves it owns, with the layout routes above them. */
export function routesOfPart<R extends RouteLike>(routes: readonly R[], owns: (pathname: string) => boolean): R[] {
  return routes.flatMap((route) => {
    if (route.routes) {
      const kept = routesOfPart(route.routes, owns);
      return kept.length > 0 ? [{ ...route, routes: kept }] : [];
    }
    return owns(route.path) ? [route] : [];
  });
}
