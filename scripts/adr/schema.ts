import { z } from 'zod';

/** MADR 4 statuses; the lifecycle between them lives in lifecycle.ts. */
export const adrStatuses = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export type AdrStatus = (typeof adrStatuses)[number];

/**
 * Link types (the same list as the catalog's). Making a link records its
 * inverse on the target; imports map other wordings to `relates-to`.
 */
export const adrLinkTypes = ['amends', 'amended-by', 'relates-to', 'depends-on', 'required-by', 'clarifies', 'clarified-by'] as const;
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

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const people = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v))
  .default([]);

export const adrLinkSchema = z.object({
  type: z.enum(adrLinkTypes, { error: `must be one of ${adrLinkTypes.join(', ')}` }),
  target: z.number().int().positive(),
});
export type AdrLink = z.infer<typeof adrLinkSchema>;

/** Front matter of `adr/NNNN-slug.md`. The number lives in `adr` (Docusaurus reserves `id`/`slug`). */
export const adrFrontMatterSchema = z.object({
  adr: z.number().int().positive(),
  title: z.string().trim().min(1),
  status: z.enum(adrStatuses),
  date: z.union([isoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]),
  'decision-makers': people,
  consulted: people,
  informed: people,
  tags: z.array(z.string()).default([]),
  supersedes: z.array(z.number().int().positive()).default([]),
  'superseded-by': z.number().int().positive().optional(),
  links: z.array(adrLinkSchema).default([]),
  description: z.string().optional(),
});
export type AdrFrontMatter = z.infer<typeof adrFrontMatterSchema>;

/** The front matter object in the key order written to disk. */
export function orderFrontMatter(fm: AdrFrontMatter, extra: Record<string, unknown> = {}): Record<string, unknown> {
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
  for (const [k, v] of Object.entries(extra)) if (!(k in out) && !(k in adrFrontMatterSchema.shape)) out[k] = v;
  return out;
}
