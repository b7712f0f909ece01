import { finding, type Finding } from '../findings.ts';
import { lineOfKey, type CheckDocument } from '../load.ts';
import type { ContentCache } from './cache.ts';
import { docusaurusFrontMatter, type FrontMatterIssue } from './docusaurus.ts';

interface Verdict {
  /** js-yaml (the parser Docusaurus uses) refused the block where the yaml library took it. */
  yaml?: string;
  issues: FrontMatterIssue[];
}

const hint = {
  doc: 'use the type Docusaurus expects (docusaurus.io/docs/api/plugins/@docusaurus/plugin-content-docs#markdown-front-matter) or rename the key',
  blog: 'use the type Docusaurus expects (docusaurus.io/docs/api/plugins/@docusaurus/plugin-content-blog#markdown-front-matter) or rename the key',
};

/**
 * Front matter the site's content plugins would reject, found with their own
 * parser and schemas (plugin-content-docs for docs, runbooks and ADRs,
 * plugin-content-blog for reports, mdx-loader for the `mdx` key).
 * Results are cached by the text of the block.
 */
export async function checkDocusaurusFrontMatter(
  documents: readonly CheckDocument[],
  cache: ContentCache,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const doc of documents) {
    if (!doc.frontMatterText) continue;
    const kind = doc.section === 'reports' ? 'blog' : 'doc';
    const key = `${kind}\n${doc.frontMatterText}`;
    let verdict = cache.get<Verdict>('front-matter', key);
    if (!verdict) {
      const api = docusaurusFrontMatter();
      try {
        const fm = await api.parse(`---\n${doc.frontMatterText}\n---\n`, doc.path);
        verdict = { issues: api.validate(kind, fm) };
      } catch (error) {
        verdict = { yaml: String((error as Error).message ?? error).split('\n')[0] ?? '', issues: [] };
      }
      cache.set('front-matter', key, verdict);
    }
    if (verdict.yaml !== undefined) {
      const line = Number(/\((\d+):\d+\)/.exec(verdict.yaml)?.[1] ?? 0);
      findings.push(
        finding(
          doc.path,
          line > 0 ? line + 1 : 1,
          'docusaurus-front-matter',
          'error',
          `the site's YAML parser (js-yaml) refuses the front matter: ${verdict.yaml}`,
          'write plain YAML: quote values holding ": " or starting with a special character',
        ),
      );
    }
    for (const issue of verdict.issues) {
      findings.push(
        finding(
          doc.path,
          issue.key ? lineOfKey(doc, issue.key) : 1,
          'docusaurus-front-matter',
          'error',
          `Docusaurus rejects the front matter: ${issue.message}`,
          hint[kind],
        ),
      );
    }
  }
  return findings;
}
