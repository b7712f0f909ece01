// Plain values and types of the ADR model, without zod, so the hot path of
// `kb adr new` does not load the validator (about a third of its start-up).

/** MADR 4 statuses; the lifecycle between them lives in lifecycle.ts. */
export const adrStatuses = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export type AdrStatus = (typeof adrStatuses)[number];

/**
 * Link types (the same list as the catalog's). Making a link records its
 * inverse on the target; imports map other wordings to `relates-to`.
 */
export const adrLinkTypes = [
  'amends',
  'amended-by',
  'relates-to',
  'depends-on',
  'required-by',
  'clarifies',
  'clarified-by',
] as const;
export type AdrLinkType = (typeof adrLinkTypes)[number];
export const inverseLinkType: Record<AdrLinkType, AdrLinkType> = {
  amends: 'amended-by',
  'amended-by': 'amends',
  'relates-to': 'relates-to',
  'depends-on': 'required-by',
  'required-by': 'depends-on',
  clarifies: 'clarified-by',
  'clarified-by': 'clarifies',
};

/**
 * The fields of a record's front matter as plain types. schema.ts validates
 * them with zod and checks that its inferred type is exactly this one.
 */
export interface AdrFields {
  adr: number;
  title: string;
  status: AdrStatus;
  date: string;
  'decision-makers': string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  supersedes: number[];
  'superseded-by'?: number | undefined;
  links: { type: AdrLinkType; target: number }[];
  description?: string | undefined;
}

const frontMatterKeys = new Set([
  'adr',
  'title',
  'status',
  'date',
  'decision-makers',
  'consulted',
  'informed',
  'tags',
  'supersedes',
  'superseded-by',
  'links',
  'description',
]);

/** The front matter object in the key order written to disk. */
export function orderFrontMatter(fm: AdrFields, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    adr: fm.adr,
    title: fm.title,
    status: fm.status,
    date: fm.date,
    'decision-makers': fm['decision-makers'],
    consulted: fm.consulted,
    informed: fm.informed,
    tags: fm.tags,
  };
  if (fm.description) out.description = fm.description;
  if (fm.supersedes.length > 0) out.supersedes = fm.supersedes;
  if (fm['superseded-by'] !== undefined) out['superseded-by'] = fm['superseded-by'];
  if (fm.links.length > 0) out.links = fm.links;
  for (const [k, v] of Object.entries(extra)) if (!(k in out) && !frontMatterKeys.has(k)) out[k] = v;
  return out;
}
