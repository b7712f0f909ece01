/** Front-matter schemas of catalog documents (zod); ADRs use the ADR module's. */
import { z } from 'zod';

export const documentStatuses = ['draft', 'review', 'published'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];
export const firstWeek = 1;
export const lastWeek = 12;

const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'is not a real calendar date',
  );

const weekNumber = z
  .number({ error: 'must be a week number 1–12' })
  .int('must be a whole week number')
  .min(firstWeek, 'must be 1–12')
  .max(lastWeek, 'must be 1–12');

/** Front matter every catalog document (except ADRs) has. Unknown keys (Docusaurus's own, e.g. `slug`) pass through. */
export const commonFrontMatter = z.looseObject({
  title: z.string({ error: 'must be a non-empty string' }).trim().min(1, 'must not be empty'),
  kind: z.string(),
  status: z.enum(documentStatuses, { error: `must be one of ${documentStatuses.join(', ')}` }),
  owner: z.string({ error: 'must be a team or person' }).trim().min(1, 'must not be empty'),
  week: weekNumber.optional(),
  date: isoDate,
  'review-by': isoDate.optional(),
  tags: z.array(z.string(), { error: 'must be a list of strings' }).optional(),
  description: z.string({ error: 'must be a one-line string' }).optional(),
});

export function documentSchema(id: string, options: { reviewBy?: boolean; extra?: z.core.$ZodLooseShape } = {}) {
  const base = commonFrontMatter.extend({ kind: z.literal(id, { error: `must be ${id}` }), ...(options.extra ?? {}) });
  if (!options.reviewBy) return base;
  return base.superRefine((value, ctx) => {
    if (value.status === 'published' && !value['review-by']) {
      ctx.addIssue({ code: 'custom', path: ['review-by'], message: 'is required once the document is published' });
    }
  });
}

/** Verdicts as `kb ingest` writes them (scripts/report/verdict.ts). */
export const sloVerdicts = ['pass', 'fail', 'not measured'] as const;

/** Keys plan pages may add: the first day of week 1 (the plan overview states it; scripts/week/calendar.ts reads it). */
export const planExtra = {
  'plan-start': z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .optional(),
};

/** Keys report pages may add: what `kb ingest` records about the run behind the page. */
export const reportExtra = {
  suite: z.string().optional(),
  run: z.string({ error: 'must be the id of an ingested run' }).optional(),
  'slo-verdicts': z
    .array(
      z.looseObject({
        target: z.string(),
        verdict: z.enum(sloVerdicts, { error: `must be one of ${sloVerdicts.join(', ')}` }),
      }),
      { error: 'must be a list of {target, verdict}' },
    )
    .optional(),
  'breaking-points': z
    .array(
      z.looseObject({
        target: z.string(),
        'breaks-at': z.string().nullable().optional(),
        'holds-up-to': z.string().nullable().optional(),
      }),
      { error: 'must be a list of {target, breaks-at, holds-up-to}' },
    )
    .optional(),
};
