/**
 * Reads what the Docusaurus content plugins loaded (every docs instance and
 * version, every blog post) into plain routed pages: source file, URL, title,
 * description. Validated loosely with zod so a Docusaurus upgrade that moves
 * a field fails with a clear message instead of writing wrong files.
 */
import * as z from 'zod';
import type { SectionId } from '../core/documents.ts';

export interface RoutedPage {
  /** Source path relative to the site root (`docs/plan/week-01.md`, `versioned_docs/version-1.0/…`). */
  source: string;
  /** Which section's sources this page belongs to. */
  section: SectionId;
  url: string;
  title: string;
  description: string;
  version: string;
  /** Working-tree version (docs/ rather than versioned_docs/). */
  isCurrent: boolean;
  date?: string;
  tags?: string[];
  unlisted: boolean;
  /**
   * In kb-index.json and mirrored, but not named one by one in llms.txt nor copied into the full texts:
   * run pages, which can number in the thousands (their suite's history page is listed and links each).
   */
  indexOnly?: boolean;
}

const docSchema = z.looseObject({
  source: z.string(),
  permalink: z.string(),
  title: z.string(),
  description: z.string().default(''),
  unlisted: z.boolean().optional(),
  draft: z.boolean().optional(),
});
const docsContentSchema = z.looseObject({
  loadedVersions: z.array(z.looseObject({ versionName: z.string(), docs: z.array(docSchema) })),
});
const blogContentSchema = z.looseObject({
  blogPosts: z.array(
    z.looseObject({
      metadata: z.looseObject({
        source: z.string(),
        permalink: z.string(),
        title: z.string(),
        description: z.string().default(''),
        date: z.union([z.date(), z.string()]).optional(),
        tags: z.array(z.looseObject({ label: z.string() })).default([]),
        unlisted: z.boolean().optional(),
      }),
    }),
  ),
});

const docsPlugin = 'docusaurus-plugin-content-docs';
const blogPlugin = 'docusaurus-plugin-content-blog';

/** `@site/docs/a.md` → `docs/a.md`. */
function sourcePath(source: string): string {
  return source.replace(/^@site\//, '');
}

function sectionOf(source: string, fallback: SectionId): SectionId {
  const top = source.split('/')[0] ?? '';
  const m = /^(.*?)_versioned_docs$/.exec(top);
  const dir = top === 'versioned_docs' ? 'docs' : m ? m[1]! : top;
  return (['docs', 'runbooks', 'adr', 'reports'] as const).find((s) => s === dir) ?? fallback;
}

function dateOf(d: Date | string | undefined): string | undefined {
  if (d instanceof Date) return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
  return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : undefined;
}

/**
 * The URL a permalink is served at: Docusaurus keeps `/docs/plan/` for
 * folder index pages in its content and applies `trailingSlash` only when it
 * writes routes, so with `trailingSlash: false` the page is `/docs/plan`.
 */
export function servedUrl(permalink: string, trailingSlash: boolean | undefined): string {
  if (trailingSlash === false && permalink.length > 1) return permalink.replace(/\/+$/, '');
  if (trailingSlash === true && !permalink.endsWith('/')) return `${permalink}/`;
  return permalink;
}

/** Every page of every docs/blog instance in `allContent`, all versions. */
export function routedPagesFromContent(allContent: unknown, trailingSlash?: boolean): RoutedPage[] {
  const all = (allContent ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const pages: RoutedPage[] = [];
  for (const [instanceId, content] of Object.entries(all[docsPlugin] ?? {})) {
    const parsed = docsContentSchema.safeParse(content);
    if (!parsed.success)
      throw new Error(
        `ai-readable: docs instance "${instanceId}": unexpected content shape: ${parsed.error.issues[0]?.message ?? ''} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
      );
    for (const version of parsed.data.loadedVersions) {
      for (const doc of version.docs) {
        if (doc.draft) continue;
        const source = sourcePath(doc.source);
        pages.push({
          source,
          section: sectionOf(source, instanceId === 'default' ? 'docs' : (instanceId as SectionId)),
          url: servedUrl(doc.permalink, trailingSlash),
          title: doc.title,
          description: doc.description,
          version: version.versionName,
          isCurrent: version.versionName === 'current',
          unlisted: doc.unlisted ?? false,
        });
      }
    }
  }
  for (const [instanceId, content] of Object.entries(all[blogPlugin] ?? {})) {
    const parsed = blogContentSchema.safeParse(content);
    if (!parsed.success)
      throw new Error(
        `ai-readable: blog instance "${instanceId}": unexpected content shape: ${parsed.error.issues[0]?.message ?? ''} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
      );
    for (const { metadata } of parsed.data.blogPosts) {
      const source = sourcePath(metadata.source);
      pages.push({
        source,
        section: sectionOf(source, 'reports'),
        url: servedUrl(metadata.permalink, trailingSlash),
        title: metadata.title,
        description: metadata.description,
        version: 'current',
        isCurrent: true,
        date: dateOf(metadata.date),
        tags: metadata.tags.map((t) => t.label),
        unlisted: metadata.unlisted ?? false,
      });
    }
  }
  return pages;
}
