import * as z from 'zod';
import { type AdrFields, adrLinkTypes, adrStatuses } from './model.ts';

export {
  type AdrFields,
  adrLinkTypes,
  adrStatuses,
  inverseLinkType,
  orderFrontMatter,
  type AdrLinkType,
  type AdrStatus,
} from './model.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const people = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  )
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

// The zod schema and the plain model describe the same record: a change to
// one without the other fails the typecheck here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<AdrFrontMatter, AdrFields> = true;
void sameShape;
