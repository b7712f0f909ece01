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

/** One stored run page as the benchmark-views plugin loads it (metadata of `reports/runs/<id>.html`). */
export interface RunPageRef {
  url: string;
  /** `reports/runs/<id>.md`: the page's Markdown, what its mirror copies. */
  source: string;
  frontMatter: Record<string, unknown>;
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
  // Checked by checkRunRefs: zod copied each of 10,000 entries and its front matter, 90-170 ms of the build's
  // main thread right where it waits on nothing else (--cpu-prof, bench:history).
  runs: z.array(z.unknown()).default([]),
  storedRuns: z.array(z.unknown()).optional(),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The run page entries as they are, once each is known to have the fields of a RunPageRef; else the first bad one. */
function checkRunRefs(runs: unknown[]): { refs: RunPageRef[] } | { problem: string } {
  for (const [i, run] of runs.entries()) {
    if (!isRecord(run)) return { problem: `runs.${i}: expected object` };
    for (const field of ['url', 'source'] as const)
      if (typeof run[field] !== 'string') return { problem: `runs.${i}.${field}: expected string` };
    if (!isRecord(run.frontMatter)) return { problem: `runs.${i}.frontMatter: expected record` };
  }
  return { refs: runs as RunPageRef[] };
}

/** Each build's content is checked once, whichever plugin asks first (10,000 runs are a lot to check twice). */
interface ViewsContent {
  views: ViewPage[];
  runs: RunPageRef[];
  storedRuns?: unknown[];
}
const parsedContent = new WeakMap<object, ViewsContent>();

function parseContent(allContent: unknown): ViewsContent | undefined {
  const content = (allContent as Record<string, Record<string, unknown>> | undefined)?.['benchmark-views']?.default;
  if (content === undefined || content === null || typeof content !== 'object') return undefined;
  const known = parsedContent.get(content);
  if (known) return known;
  const changed = (problem: string) => new Error(`[ai-readable] the benchmark-views content changed shape: ${problem}`);
  const parsed = viewsContentSchema.safeParse(content);
  if (!parsed.success) throw changed(`${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const runs = checkRunRefs(parsed.data.runs);
  if ('problem' in runs) throw changed(runs.problem);
  const checked: ViewsContent = { views: parsed.data.views, runs: runs.refs, storedRuns: parsed.data.storedRuns };
  parsedContent.set(content, checked);
  return checked;
}

/** The views in Docusaurus's allContent (plugin `benchmark-views`); none when the plugin is not installed. */
export function viewPagesFromContent(allContent: unknown): ViewPage[] {
  return parseContent(allContent)?.views ?? [];
}

/** The stored run pages in Docusaurus's allContent (plugin `benchmark-views`). */
export function runPagesFromContent(allContent: unknown): RunPageRef[] {
  return parseContent(allContent)?.runs ?? [];
}

/** The stored runs benchmark-views read (benchmarks/), for the dashboards' weekly facts; none without the plugin. */
export function storedRunsFromContent(allContent: unknown): unknown[] | undefined {
  return parseContent(allContent)?.storedRuns;
}

/**
 * Run pages as pages of the AI-readable knowledge base: mirrored and in kb-index.json, not named one by one
 * in llms.txt (`indexOnly`). `markdownOf` gives each page's Markdown body (its file without front matter), or
 * '' for a page whose body its mirror's writer reads (see planAiOutputs' `bodyInFile`).
 */
export async function runDocuments(
  runs: readonly RunPageRef[],
  markdownOf: (run: RunPageRef) => Promise<string>,
): Promise<{ sources: SourceInput[]; routes: RoutedPage[] }> {
  const bodies = await Promise.all(runs.map((r) => markdownOf(r)));
  const pages = runs.map((r, i) => ({ ...r, section: 'reports' as const, markdown: bodies[i]! }));
  const { sources, routes } = viewDocuments(pages);
  return { sources, routes: routes.map((r) => ({ ...r, indexOnly: true })) };
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
