import path from 'node:path/posix';
import { sections } from '../../core/documents.ts';
import { finding, type Finding } from '../findings.ts';
import type { CheckDocument } from '../load.ts';
import { collectAnchors, findLinks } from '../markdown-scan.ts';
import { normalizeRoute, permalinkOf } from '../../core/routes.ts';
import { safeDecodeURIComponent } from '../../core/uri.ts';

export interface LinkContext {
  documents: readonly CheckDocument[];
  /** Every file of the content folders, relative to the root. */
  files: ReadonlySet<string>;
  /** Files under static/ (served at the site root), relative to static/. */
  staticFiles?: ReadonlySet<string>;
  /** Extra routes known to exist (pages, dashboards). */
  extraRoutes?: ReadonlySet<string>;
}

const external = /^[a-z][a-z0-9+.-]*:|^\/\//i;
const fileExtension = /\.[a-z0-9]{1,8}$/i;
/** Routes Docusaurus generates itself under a section (tags, pagination, archive, versions). */
const generatedRoute =
  /^\/(?:docs|runbooks|adr|reports)\/(?:tags|page|archive|authors|next|\d[\w.-]*)(?:\/|$)|^\/reports$|^\/(?:rss|atom)\.xml$|^\/reports\/(?:rss|atom)\.xml$/;

const sectionOf = (p: string) => sections.find((s) => p.startsWith(`${s.dir}/`));

/** Internal links to files, routes and anchors that do not exist. */
export function checkLinks(ctx: LinkContext): Finding[] {
  const findings: Finding[] = [];
  const byPath = new Map<string, CheckDocument>();
  const byRoute = new Map<string, CheckDocument>();
  for (const doc of ctx.documents) {
    byPath.set(doc.path, doc);
    const route = permalinkOf(doc.path, doc.frontMatter);
    if (route) byRoute.set(route, doc);
  }
  const anchorCache = new Map<CheckDocument, Set<string>>();
  const anchorsOf = (doc: CheckDocument) => {
    let anchors = anchorCache.get(doc);
    if (!anchors) anchorCache.set(doc, (anchors = collectAnchors(doc.body)));
    return anchors;
  };

  for (const doc of ctx.documents) {
    const links = findLinks(doc.body);
    if (links.length === 0) continue;
    const dir = path.dirname(doc.path);
    for (const link of links) {
      const line = link.line + doc.frontMatterLines;
      const url = link.url.trim();
      if (url === '' || external.test(url)) continue;
      const hashAt = url.indexOf('#');
      const target = (hashAt >= 0 ? url.slice(0, hashAt) : url).replace(/\?.*$/, '');
      const anchor = hashAt >= 0 ? safeDecodeURIComponent(url.slice(hashAt + 1)) : '';
      let targetDoc: CheckDocument | undefined;
      if (target === '') {
        targetDoc = doc;
      } else if (target.startsWith('/')) {
        const route = normalizeRoute(target);
        targetDoc = byRoute.get(route);
        if (!targetDoc) {
          if (generatedRoute.test(route) || ctx.extraRoutes?.has(route)) continue;
          const isSectionRoute = sections.some((s) => route === s.route || route.startsWith(`${s.route}/`));
          if (isSectionRoute) {
            findings.push(
              finding(
                doc.path,
                line,
                'broken-link',
                'error',
                `link to ${target} matches no page`,
                'link an existing page (check its slug or file name) or remove the link',
              ),
            );
          } else if (fileExtension.test(route) && ctx.staticFiles && !ctx.staticFiles.has(route.slice(1))) {
            findings.push(
              finding(
                doc.path,
                line,
                'broken-link',
                'error',
                `link to ${target} matches no file in static/`,
                'add the file to static/ or fix the path',
              ),
            );
          }
          continue;
        }
      } else {
        const resolved = path.normalize(path.join(dir, safeDecodeURIComponent(target)));
        if (/\.mdx?$/.test(resolved)) {
          targetDoc = byPath.get(resolved);
          if (!ctx.files.has(resolved)) {
            findings.push(
              finding(
                doc.path,
                line,
                'broken-link',
                'error',
                `link to ${target} points to ${resolved}, which does not exist`,
                'fix the relative path or create the document',
              ),
            );
            continue;
          }
          const from = sectionOf(doc.path);
          const to = sectionOf(resolved);
          if (from && to && from.id !== to.id && targetDoc) {
            const route = permalinkOf(resolved, targetDoc.frontMatter);
            findings.push(
              finding(
                doc.path,
                line,
                'broken-link',
                'error',
                `link to ${target} crosses from ${from.dir}/ to ${to.dir}/, where Docusaurus cannot resolve .md links`,
                `link the page's URL instead: ${route}${anchor ? `#${anchor}` : ''}`,
              ),
            );
            continue;
          }
        } else if (fileExtension.test(resolved)) {
          if (!ctx.files.has(resolved)) {
            findings.push(
              finding(
                doc.path,
                line,
                'broken-link',
                'error',
                `link to ${target} points to ${resolved}, which does not exist`,
                'fix the relative path or add the file',
              ),
            );
          }
          continue;
        } else {
          // A relative URL without extension is resolved by the browser against the page URL; not checked.
          continue;
        }
      }
      if (anchor && targetDoc && !anchorsOf(targetDoc).has(anchor)) {
        const where = targetDoc === doc ? 'this page' : targetDoc.path;
        findings.push(
          finding(
            doc.path,
            line,
            'broken-anchor',
            'error',
            `anchor #${anchor} matches no heading in ${where}`,
            'use the heading id (lower-case, dashes; see the heading link on the page) or add {#id} to the heading',
          ),
        );
      }
    }
  }
  return findings;
}
