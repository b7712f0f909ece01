/**
 * The build-time benchmark views (scripts/report/views.ts: suite histories,
 * scale tests, weekly baselines, the SLO scorecard, the index of suites) as
 * pages of the AI-readable knowledge base: a source document each (its
 * Markdown, charts named in a line) and the URL it is served at. They have no
 * file in the repository; `source` is the id AI readers know them by.
 */
import * as z from 'zod';
import type { SourceInput } from './build-output.ts';
import type { RoutedPage } from './site-content.ts';

/** One view as the benchmark-views plugin loads it (and as `loadViews` + `viewMarkdown` give it). */
export interface ViewPage {
  url: string;
  source: string;
  section: 'docs' | 'reports';
  frontMatter: Record<string, unknown>;
  markdown: string;
}

const viewsContentSchema = z.looseObject({
  views: z.array(
    z.looseObject({
      url: z.string(),
      source: z.string(),
      section: z.enum(['docs', 'reports']),
      frontMatter: z.record(z.string(), z.unknown()),
      markdown: z.string(),
    }),
  ),
});

/** The views in Docusaurus's allContent (plugin `benchmark-views`); none when the plugin is not installed. */
export function viewPagesFromContent(allContent: unknown): ViewPage[] {
  const content = (allContent as Record<string, Record<string, unknown>> | undefined)?.['benchmark-views']?.default;
  if (content === undefined) return [];
  const parsed = viewsContentSchema.safeParse(content);
  if (!parsed.success)
    throw new Error(
      `[ai-readable] the benchmark-views content changed shape: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data.views;
}

/** Source documents and routes of the views, ready for planAiOutputs / buildPageRecord. */
export function viewDocuments(views: readonly ViewPage[]): { sources: SourceInput[]; routes: RoutedPage[] } {
  return {
    sources: views.map((v) => ({ path: v.source, section: v.section, frontMatter: v.frontMatter, body: v.markdown })),
    routes: views.map((v) => ({
      source: v.source,
      section: v.section,
      url: v.url,
      title: String(v.frontMatter.title),
      description: String(v.frontMatter.description ?? ''),
      version: 'current',
      isCurrent: true,
      date: typeof v.frontMatter.date === 'string' ? v.frontMatter.date : undefined,
      tags: Array.isArray(v.frontMatter.tags) ? v.frontMatter.tags.map(String) : undefined,
      unlisted: false,
    })),
  };
}
