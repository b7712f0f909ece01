import { permalinkOf } from '../../core/routes.ts';
import { finding, type Finding } from '../findings.ts';
import { lineOfKey, type CheckDocument } from '../load.ts';

/**
 * Two pages at one URL: Docusaurus builds them with only a warning
 * ("Duplicate routes found … non-deterministic routing behavior"), and a
 * reader gets one of them. Records within adr/ are the adr-id rule's.
 */
export function checkDuplicateRoutes(documents: readonly CheckDocument[]): Finding[] {
  const byRoute = new Map<string, CheckDocument[]>();
  for (const doc of documents) {
    const route = permalinkOf(doc.path, doc.frontMatter);
    if (!route) continue;
    const list = byRoute.get(route);
    if (list) list.push(doc);
    else byRoute.set(route, [doc]);
  }
  const findings: Finding[] = [];
  for (const [route, docs] of byRoute) {
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
