import { getKind, isKindId, validateFrontMatter, type KindId } from '../../catalog/catalog.ts';
import { isAdrRecord, numberOfFile } from '../../adr/numbering.ts';
import { finding, type Finding } from '../findings.ts';
import { lineOfKey, type CheckDocument } from '../load.ts';

/** Front matter keys Docusaurus itself reads (docs and blog); always allowed. */
export const docusaurusKeys = new Set([
  'id',
  'title',
  'slug',
  'description',
  'keywords',
  'image',
  'tags',
  'draft',
  'unlisted',
  'date',
  'sidebar_label',
  'sidebar_position',
  'sidebar_class_name',
  'sidebar_key',
  'sidebar_custom_props',
  'displayed_sidebar',
  'hide_title',
  'hide_table_of_contents',
  'toc_min_heading_level',
  'toc_max_heading_level',
  'pagination_label',
  'pagination_next',
  'pagination_prev',
  'parse_number_prefixes',
  'custom_edit_url',
  'last_update',
  'authors',
  'author',
  'author_title',
  'author_url',
  'author_image_url',
  'title_meta',
  'sidebar_title',
]);

// Shared with the site's dashboards: scripts/adr/numbering.ts.
export { isAdrRecord };

const keysByKind = new Map<string, Set<string>>();

/** The keys a kind's schema declares, plus `kind` (read once per kind). */
function knownKeys(kindId: KindId): Set<string> {
  let keys = keysByKind.get(kindId);
  if (!keys) {
    const shape = (getKind(kindId).frontMatter as { shape?: Record<string, unknown> }).shape;
    keys = new Set([...(shape ? Object.keys(shape) : []), 'kind']);
    keysByKind.set(kindId, keys);
  }
  return keys;
}

function closest(key: string, known: Iterable<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_ ]/g, '');
  for (const k of known) if (norm(k) === norm(key)) return k;
  return undefined;
}

/**
 * Every document against its kind's catalog schema (types, dates, statuses,
 * missing keys) plus unknown keys, which the catalog lets through. ADR records
 * are validated as kind `adr`. Pages without a kind (section indexes,
 * handbook pages) need only a title, from front matter or a `# ` heading.
 */
export function checkFrontMatter(documents: readonly CheckDocument[]): Finding[] {
  const findings: Finding[] = [];
  for (const doc of documents) {
    const fm = doc.frontMatter;
    const adr = isAdrRecord(doc);
    const kindValue = fm.kind ?? (adr ? 'adr' : undefined);
    if (kindValue === undefined) {
      const title = fm.title;
      if (title !== undefined && (typeof title !== 'string' || title.trim() === '')) {
        findings.push(
          finding(
            doc.path,
            lineOfKey(doc, 'title'),
            'page-title',
            'error',
            'title must be a non-empty string',
            'write `title: Some title` or remove the key and start the page with a `# ` heading',
          ),
        );
      } else if (title === undefined && !/^\s{0,3}# \S/m.test(doc.body)) {
        findings.push(
          finding(
            doc.path,
            1,
            'page-title',
            'error',
            'page has no title',
            'add `title:` to the front matter or start the page with a `# Title` heading',
          ),
        );
      }
      continue;
    }
    if (typeof kindValue !== 'string' || !isKindId(kindValue)) {
      const { issues } = validateFrontMatter(String(kindValue), fm, doc.path);
      for (const issue of issues)
        findings.push(
          finding(
            doc.path,
            lineOfKey(doc, 'kind'),
            'front-matter',
            'error',
            `${issue.field}: ${issue.message}`,
            issue.hint,
          ),
        );
      continue;
    }
    const data = adr && fm.adr === undefined ? { ...fm, adr: numberOfFile(doc.path.slice(4)) } : fm;
    const { issues } = validateFrontMatter(kindValue, kindValue === 'adr' ? withoutKind(data) : data, doc.path);
    for (const issue of issues) {
      // A missing review-by is the review-dates rule's to report (with its severity by status).
      if (issue.field === 'review-by' && fm['review-by'] === undefined) continue;
      const key = issue.field.split('.')[0]!;
      findings.push(
        finding(doc.path, lineOfKey(doc, key), 'front-matter', 'error', `${issue.field}: ${issue.message}`, issue.hint),
      );
    }
    const kind = getKind(kindValue);
    const known = knownKeys(kindValue);
    for (const key of Object.keys(fm)) {
      if (known.has(key) || docusaurusKeys.has(key)) continue;
      const near = closest(key, [...known, ...docusaurusKeys]);
      // Plan pages carry extra fields of their own; elsewhere an unknown key is most often a typo.
      const severity = kindValue === 'plan' ? 'warning' : 'error';
      findings.push(
        finding(
          doc.path,
          lineOfKey(doc, key),
          'front-matter',
          severity,
          `unknown key "${key}" for kind ${kindValue}`,
          near ? `rename it to ${near}` : `remove it, or use one of: ${[...known].join(', ')}`,
        ),
      );
    }
    if (adr && fm.adr === undefined) {
      findings.push(
        finding(
          doc.path,
          1,
          'front-matter',
          'warning',
          'adr: the record number is missing (taken from the file name)',
          `add adr: ${numberOfFile(doc.path.slice(4))} to the front matter`,
        ),
      );
    }
    if (!adr && kind.section !== doc.section) {
      findings.push(
        finding(
          doc.path,
          lineOfKey(doc, 'kind'),
          'front-matter',
          'warning',
          `a ${kindValue} belongs in ${kind.folder}/, not ${doc.section}/`,
          `move the file to ${kind.folder}/ or correct kind`,
        ),
      );
    }
  }
  return findings;
}

function withoutKind(data: Record<string, unknown>): Record<string, unknown> {
  const { kind: _kind, ...rest } = data;
  return rest;
}
