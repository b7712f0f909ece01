import { KbError } from '../core/errors.ts';
import { loadRecords } from './records.ts';
import { adrStatuses, type AdrFrontMatter } from './schema.ts';

export interface AdrSummary
  extends Pick<AdrFrontMatter, 'title' | 'status' | 'date' | 'tags' | 'supersedes' | 'superseded-by' | 'links'> {
  number: number;
  path: string;
}

/** Every record (optionally of some statuses), by number; unreadable files come back as problems. */
export async function listAdrs(
  root: string,
  statuses: readonly string[] = [],
): Promise<{ records: AdrSummary[]; problems: string[] }> {
  for (const s of statuses) {
    if (!(adrStatuses as readonly string[]).includes(s)) {
      throw new KbError('BAD_ARGUMENT', `unknown status "${s}"`, { hint: `use one of ${adrStatuses.join(', ')}` });
    }
  }
  const { records, problems } = await loadRecords(root);
  return {
    records: records
      .filter((r) => statuses.length === 0 || statuses.includes(r.frontMatter.status))
      .map((r) => ({
        number: r.number,
        path: r.rel,
        title: r.frontMatter.title,
        status: r.frontMatter.status,
        date: r.frontMatter.date,
        tags: r.frontMatter.tags,
        supersedes: r.frontMatter.supersedes,
        'superseded-by': r.frontMatter['superseded-by'],
        links: r.frontMatter.links,
      })),
    problems: problems.map((p) => p.format()),
  };
}
