/**
 * `/kb-index.json`: the typed manifest of every current document, and its
 * JSON Schema (`/schemas/kb-index.schema.json`) generated from the same zod
 * schema with `z.toJSONSchema`, so the two can never drift apart.
 */
// `import * as z` (not `{ z }`): Docusaurus loads plugins through jiti, whose
// interop resolves zod's named `z` export to undefined.
import * as z from 'zod';
import { siteParts, type PageRecord } from './records.ts';
import type { SiteInfo } from './llms.ts';

export const manifestVersion = 1;
export const manifestSchemaPath = 'schemas/kb-index.schema.json';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('YYYY-MM-DD');
const absolutePath = z.string().regex(/^\//).describe('absolute path on the site, baseUrl included');

export const sloVerdictSchema = z
  .object({
    target: z.string().describe('SLO target id, e.g. api-p99'),
    verdict: z.string().describe('pass, fail, … as judged by the report'),
    value: z.number().nullable().optional(),
    unit: z.string().nullable().optional(),
    margin: z.union([z.number(), z.string()]).nullable().optional(),
  })
  .meta({ title: 'SloVerdict' });

export const manifestDocumentSchema = z
  .object({
    id: z.string().min(1).describe('stable id: the source path without extension'),
    kind: z.string().min(1).describe('catalog kind id (see DEVELOPERS.md), or page'),
    section: z.enum(['docs', 'runbooks', 'adr', 'reports']),
    part: z.enum(siteParts.map((p) => p.id) as [string, ...string[]]).describe('llms.txt section'),
    title: z.string().min(1),
    description: z.string(),
    url: absolutePath,
    markdownUrl: absolutePath.regex(/\.md$/),
    source: z.string().describe('source file relative to the repository root'),
    status: z.string().nullable(),
    owner: z.string().nullable(),
    week: z.number().int().min(1).max(12).nullable(),
    date: isoDate.nullable(),
    reviewBy: isoDate.nullable(),
    tags: z.array(z.string()),
    adr: z.number().int().positive().nullable().describe('ADR number, for ADRs'),
    supersedes: z.array(z.number().int().positive()),
    supersededBy: z.number().int().positive().nullable(),
    links: z.array(z.object({ type: z.string(), target: z.union([z.number(), z.string()]) })),
    sloVerdicts: z.array(sloVerdictSchema).describe('for reports: the SLO verdicts of the run'),
  })
  .meta({ title: 'KbDocument' });

export const manifestSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(manifestVersion),
    site: z.object({ title: z.string(), url: z.string(), baseUrl: z.string() }),
    generatedAt: z.string().describe('ISO timestamp of the build'),
    counts: z.record(z.string(), z.number().int().nonnegative()).describe('documents per llms.txt section'),
    documents: z.array(manifestDocumentSchema),
  })
  .meta({
    title: 'Sophia KB index',
    description: 'Every current document of the Sophia knowledge base with its typed metadata.',
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestDocument = z.infer<typeof manifestDocumentSchema>;

export function manifestDocument(r: PageRecord): ManifestDocument {
  return {
    id: r.id,
    kind: r.kind,
    section: r.section,
    part: r.part,
    title: r.title,
    description: r.description,
    url: r.url,
    markdownUrl: r.markdownUrl,
    source: r.source,
    status: r.status,
    owner: r.owner,
    week: r.week !== null && r.week >= 1 && r.week <= 12 ? r.week : null,
    date: r.date,
    reviewBy: r.reviewBy,
    tags: r.tags,
    adr: r.adr !== null && r.adr > 0 ? r.adr : null,
    supersedes: r.supersedes.filter((n) => n > 0),
    supersededBy: r.supersededBy !== null && r.supersededBy > 0 ? r.supersededBy : null,
    links: r.links,
    sloVerdicts: r.sloVerdicts,
  };
}

/** Builds and validates the manifest; throws a zod error naming the bad document field. */
export function buildManifest(site: SiteInfo, records: readonly PageRecord[], generatedAt: Date): Manifest {
  const documents = [...records].sort((a, b) => a.id.localeCompare(b.id)).map(manifestDocument);
  const counts = Object.fromEntries(siteParts.map((p) => [p.id, documents.filter((d) => d.part === p.id).length]));
  return manifestSchema.parse({
    $schema: `${site.baseUrl.replace(/\/?$/, '/')}${manifestSchemaPath}`,
    version: manifestVersion,
    site: { title: site.title, url: site.url, baseUrl: site.baseUrl },
    generatedAt: generatedAt.toISOString(),
    counts,
    documents,
  });
}

/** The published JSON Schema (draft 2020-12) of the manifest. */
export function manifestJsonSchema(siteUrl: string): Record<string, unknown> {
  const schema = z.toJSONSchema(manifestSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { ...schema, $id: `${siteUrl.replace(/\/$/, '')}/${manifestSchemaPath}` };
}
