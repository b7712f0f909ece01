import { findPlaceholders, placeholderPattern } from '../../catalog/catalog.ts';
import { finding, type Finding } from '../findings.ts';
import type { CheckDocument } from '../load.ts';
import { proseLines } from '../markdown-scan.ts';

/** A cheap pre-test (no `g` flag, so no lastIndex state) before the per-line scan. */
const anyPlaceholder = new RegExp(placeholderPattern.source);

/** Statuses in which a document may still hold template placeholders. */
const unfinished = new Set(['draft', 'proposed']);

/**
 * Template placeholders (the catalog's `placeholderPattern`) left in a document that is no longer
 * a draft (an ADR counts as a draft while proposed). The catalog owns the syntax.
 */
export function checkPlaceholders(documents: readonly CheckDocument[]): Finding[] {
  const findings: Finding[] = [];
  for (const doc of documents) {
    const status = doc.frontMatter.status;
    if (typeof status === 'string' && unfinished.has(status)) continue;
    if (!anyPlaceholder.test(doc.body)) continue;
    // Code (fenced or inline) and comments may show the placeholder syntax on purpose, e.g. in a guide.
    for (const p of findPlaceholders(proseLines(doc.body).join('\n'))) {
      const text = p.text.length > 70 ? `${p.text.slice(0, 67)}…` : p.text;
      findings.push(
        finding(
          doc.path,
          p.line + doc.frontMatterLines,
          'placeholder',
          'error',
          `unfilled template placeholder "${text}" in a ${typeof status === 'string' ? status : 'finished'} document`,
          'write the section (or delete it), or set status: draft until it is done',
        ),
      );
    }
  }
  return findings;
}
