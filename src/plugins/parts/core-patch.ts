/**
 * The one place a part build (model.ts) reaches into Docusaurus: no public API
 * lets a plugin leave routes out of the bundle and the static rendering while
 * keeping them for the broken-link checker and the other plugins. Two
 * functions of @docusaurus/core are wrapped, both called through their
 * module objects (so replacing the export is seen):
 * - `generateSiteFiles` (lib/server/codegen/codegen.js, from loadSite):
 *   writes `.docusaurus/routes.js` and the registry, which the client and
 *   server bundles are built from — given only the part's routes;
 * - `executeSSG` (lib/ssg/ssgExecutor.js, from buildLocale): renders
 *   `props.routesPaths` — given only the part's paths;
 * - `handleBrokenLinks` (lib/server/brokenLinks.js, from buildLocale): checks
 *   the rendered pages' links against every route. A link into another part
 *   whose path is a route is known good, but its anchor (`#…`) cannot be
 *   checked here, where that page is not rendered: such links are taken out
 *   of the check and written, with this part's pages' anchors, to
 *   `.kb-part-links.json`, and the merge checks them against the other
 *   parts' (deploy/parts.ts). The other parts' exact routes are then left
 *   out of the check too: a link that matches no route is not tried against
 *   thousands of them on every page (20 s of a 1,000-page part of 5,000).
 * Everything else still sees every route: `props.routes` for the broken-link
 * check and every plugin's postBuild, the sitemap, the sidebars.
 *
 * Upgrade safety: only on the core versions checked (SUPPORTED_RANGE, with
 * the perf layer's), the files pinned by hash (core-patch.test.ts), the
 * first two wraps must have run by postBuild (index.ts) or the build fails,
 * and the merge refuses a part without the link wrap's file; a build
 * without KB_PART never installs them.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { safeDecodeURI } from '../../../scripts/core/uri.ts';
import { SUPPORTED_CORE, SUPPORTED_RANGE } from '../perf/guard.ts';
import { routesOfPart, type RouteLike } from './model.ts';

/** Core files the wraps depend on, relative to @docusaurus/core (pinned by hash in core-patch.test.ts). */
export const PATCHED_CORE_FILES = [
  'lib/server/codegen/codegen.js',
  'lib/ssg/ssgExecutor.js',
  'lib/server/site.js',
  'lib/commands/build/buildLocale.js',
  'lib/server/routes.js',
  'lib/server/brokenLinks.js',
] as const;

export interface PatchRecord {
  /** Times the route code was generated with the part's routes. */
  codegen: number;
  /** Times pages were rendered with the part's paths, and how many the last time. */
  ssg: number;
  pages: number;
  /** Times the broken-link check ran on the part's pages. */
  links: number;
}

/** What a part's link check leaves to the merge (PART_LINKS_FILE). */
export interface PartLinks {
  onBrokenAnchors: string;
  /** The anchors of each page this part rendered (by path, base URL included). */
  anchors: Record<string, string[]>;
  /** Links from this part's pages into another part's page with an anchor. */
  links: { from: string; to: string; hash: string }[];
}

interface CodegenModule {
  generateSiteFiles: (params: { routes: RouteLike[] }) => Promise<void>;
}
interface SsgModule {
  executeSSG: (params: { props: { routesPaths: string[] } }) => Promise<unknown>;
}
interface CollectedLinks {
  links: string[];
  anchors: string[];
}
interface BrokenLinksModule {
  handleBrokenLinks: (params: {
    collectedLinks: Record<string, CollectedLinks>;
    routes: RouteLike[];
    onBrokenAnchors: string;
  }) => Promise<void>;
}

/** The exact route paths of a route tree (the leaves Docusaurus matches links against). */
function exactPaths(routes: readonly (RouteLike & { exact?: boolean })[], into = new Set<string>()): Set<string> {
  for (const route of routes) {
    if (route.routes) exactPaths(route.routes, into);
    else if (route.exact) into.add(route.path);
  }
  return into;
}

/**
 * The links the part's check keeps, and the cross-part anchored links it leaves to the merge: a link
 * into another part whose path is an exact route is good as a path; its anchor is the merge's to check.
 */
export function splitPartLinks(
  collected: Record<string, CollectedLinks>,
  routes: readonly RouteLike[],
  owns: (pathname: string) => boolean,
): { kept: Record<string, CollectedLinks>; anchors: PartLinks['anchors']; links: PartLinks['links'] } {
  const exact = exactPaths(routes);
  const kept: Record<string, CollectedLinks> = {};
  const anchors: PartLinks['anchors'] = {};
  const links: PartLinks['links'] = [];
  for (const [page, data] of Object.entries(collected)) {
    anchors[page] = [...data.anchors];
    const base = new URL(page, 'https://example.com');
    kept[page] = {
      ...data,
      links: data.links.filter((link) => {
        let url: URL;
        try {
          url = new URL(link, base);
        } catch {
          return true; // Docusaurus reports it
        }
        if (url.origin !== base.origin || owns(url.pathname)) return true;
        const known = pathVariants(url.pathname).some((p) => exact.has(p));
        if (!known) return true;
        if (url.hash.length > 1) links.push({ from: page, to: url.pathname, hash: url.hash.slice(1) });
        return false;
      }),
    };
  }
  return { kept, anchors, links };
}

/**
 * The routes the part's link check matches the kept links against: without the other parts' exact routes
 * (links to those were taken out), so a link that matches nothing is not tried against thousands of routes.
 */
export function routesForCheck<R extends RouteLike & { exact?: boolean }>(
  routes: readonly R[],
  owns: (pathname: string) => boolean,
): R[] {
  return routes.flatMap((route) => {
    if (route.routes) return [{ ...route, routes: routesForCheck(route.routes, owns) }];
    return route.exact && !owns(route.path) ? [] : [route];
  });
}

/**
 * The forms under which Docusaurus finds a linked page: the path and its decoded form, each with and
 * without a trailing slash (its link check tries the same).
 */
export function pathVariants(pathname: string): string[] {
  return [pathname, safeDecodeURI(pathname)].flatMap((p) => [p, p.endsWith('/') ? p.slice(0, -1) : `${p}/`]);
}

/** Written at the root of a part's output by its link check; read and checked by the merge. */
export const PART_LINKS_FILE = '.kb-part-links.json';

const ORIGINAL = Symbol.for('sophia-kb.parts.original');
type Wrapped<F> = F & { [ORIGINAL]?: F };

/** The one-line reason the wraps cannot be installed on this core, or undefined. */
export function coreProblem(installed: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.\d+$/.exec(installed);
  if (m && Number(m[1]) === SUPPORTED_CORE.major && Number(m[2]) === SUPPORTED_CORE.minor) return undefined;
  return (
    `parts (src/plugins/parts): @docusaurus/core ${installed} is installed, part builds support ${SUPPORTED_RANGE} only; ` +
    `build the whole site (leave KB_PART unset), or re-check core-patch.ts against ${installed}`
  );
}

/**
 * Installs the two wraps for this process (a part build is one process) and
 * returns the record they fill. Installing again replaces the ownership rule.
 */
export function installPartWraps(siteDir: string, outDir: string, owns: (pathname: string) => boolean): PatchRecord {
  const nodeRequire = createRequire(path.join(siteDir, 'package.json'));
  const coreDir = path.dirname(nodeRequire.resolve('@docusaurus/core/package.json'));
  const { version } = JSON.parse(readFileSync(path.join(coreDir, 'package.json'), 'utf8')) as { version: string };
  const problem = coreProblem(version);
  if (problem) throw new Error(problem);
  const codegen = nodeRequire(path.join(coreDir, 'lib/server/codegen/codegen.js')) as CodegenModule;
  const ssg = nodeRequire(path.join(coreDir, 'lib/ssg/ssgExecutor.js')) as SsgModule;
  const brokenLinks = nodeRequire(path.join(coreDir, 'lib/server/brokenLinks.js')) as BrokenLinksModule;
  if (
    typeof codegen.generateSiteFiles !== 'function' ||
    typeof ssg.executeSSG !== 'function' ||
    typeof brokenLinks.handleBrokenLinks !== 'function'
  )
    throw new Error(
      `parts (src/plugins/parts): @docusaurus/core ${version} no longer exports generateSiteFiles, executeSSG and handleBrokenLinks — re-check core-patch.ts, or build the whole site (leave KB_PART unset)`,
    );
  const record: PatchRecord = { codegen: 0, ssg: 0, pages: 0, links: 0 };
  const generate =
    (codegen.generateSiteFiles as Wrapped<CodegenModule['generateSiteFiles']>)[ORIGINAL] ?? codegen.generateSiteFiles;
  const render = (ssg.executeSSG as Wrapped<SsgModule['executeSSG']>)[ORIGINAL] ?? ssg.executeSSG;
  const wrappedGenerate: Wrapped<CodegenModule['generateSiteFiles']> = (params) => {
    record.codegen += 1;
    return generate({ ...params, routes: routesOfPart(params.routes, owns) });
  };
  wrappedGenerate[ORIGINAL] = generate;
  const wrappedRender: Wrapped<SsgModule['executeSSG']> = (params) => {
    const routesPaths = params.props.routesPaths.filter(owns);
    record.ssg += 1;
    record.pages = routesPaths.length;
    return render({ ...params, props: { ...params.props, routesPaths } });
  };
  wrappedRender[ORIGINAL] = render;
  const check =
    (brokenLinks.handleBrokenLinks as Wrapped<BrokenLinksModule['handleBrokenLinks']>)[ORIGINAL] ??
    brokenLinks.handleBrokenLinks;
  const wrappedCheck: Wrapped<BrokenLinksModule['handleBrokenLinks']> = async (params) => {
    record.links += 1;
    const { kept, anchors, links } = splitPartLinks(params.collectedLinks, params.routes, owns);
    const left: PartLinks = { onBrokenAnchors: params.onBrokenAnchors, anchors, links };
    await writeFile(path.join(outDir, PART_LINKS_FILE), `${JSON.stringify(left)}\n`);
    return check({ ...params, collectedLinks: kept, routes: routesForCheck(params.routes, owns) });
  };
  wrappedCheck[ORIGINAL] = check;
  codegen.generateSiteFiles = wrappedGenerate;
  ssg.executeSSG = wrappedRender;
  brokenLinks.handleBrokenLinks = wrappedCheck;
  return record;
}
