import { permalinkOf } from '../../core/routes.ts';
import { finding, type Finding } from '../findings.ts';
import { lineOfKey, type CheckDocument } from '../load.ts';

/**
 * Two pages at one URL: Docusaurus builds them with only a warning
 * ("Duplicate routes found … non-deterministic routing behavior"), and a
 * reader gets one of them. Records within adr/ are the adr-id rule's.
 */
/** Routes the content plugins generate beside the pages: tag pages, the blog's authors and pagination (no archive: it is off). */
const generated = /^\/(?:docs|runbooks|adr|reports)\/tags(?:\/|$)|^\/reports\/(?:authors|page\/\d+)(?:\/|$)/;

export function checkDuplicateRoutes(
  documents: readonly CheckDocument[],
  /** Routes of the site's own pages (src/pages, the dashboards plugin, search). */
  siteRoutes: ReadonlySet<string> = new Set(),
): Finding[] {
  const byRoute = new Map<string, CheckDocument[]>();
  for (const doc of documents) {
    const route = permalinkOf(doc.path, doc.frontMatter);
    if (!route) continue;
    const list = byRoute.get(route);
    if (list) list.push(doc);
    else byRoute.set(route, [doc]);
  }
  const findings: Finding[] = [];
  const lineOfRouteKey = (doc: CheckDocument) => {
    const key = typeof doc.frontMatter.slug === 'string' ? 'slug' : typeof doc.frontMatter.id === 'string' ? 'id' : '';
    return key ? lineOfKey(doc, key) : 1;
  };
  for (const [route, docs] of byRoute) {
    const other = siteRoutes.has(route)
      ? 'a page of the site itself'
      : generated.test(route)
        ? 'a page Docusaurus generates (tags, authors, pagination)'
        : undefined;
    if (other) {
      for (const doc of docs) {
        findings.push(
          finding(
            doc.path,
            lineOfRouteKey(doc),
            'duplicate-route',
            'error',
            `the page's URL ${route} is also ${other}`,
            'give the page another `slug` (or file name): Docusaurus would serve only one of them at that URL',
          ),
        );
      }
      continue;
    }
    if (docs.length < 2 || docs.every((d) => d.section === 'adr')) continue;
    for (const doc of docs) {
      const others = docs.filter((d) => d !== doc).map((d) => d.path);
      const key =
        typeof doc.frontMatter.slug === 'string' ? 'slug' : typeof doc.frontMatter.id === 'string' ? 'id' : '';
      findings.push(
        finding(
          doc.path,
          key ? lineOfKey(doc, key) : 1,
          'duplicate-route',
          'error',
          `the page's URL ${route} is also the URL of ${others.join(', ')}`,
          'give one of them another `slug` (or file name): Docusaurus would serve only one of the pages at that URL',
        ),
      );
    }
  }
  return findings;
}
