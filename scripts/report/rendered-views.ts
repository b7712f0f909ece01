/**
 * The benchmark views as the site shows them: every stored run, and each view planned from them and rendered
 * both ways (HTML for the page, Markdown for the AI outputs). What the benchmark-views plugin loads, computed in
 * a thread of its own (src/plugins/benchmark-views/views-thread.ts), so a long history does not hold the build's
 * main thread while the other plugins load their content.
 */
import type { Run } from '../ingest/run-schema.ts';
import { loadSloTargets } from './slo-targets.ts';
import { loadRuns } from './store.ts';
import { planViews, viewHtml, viewMarkdown } from './views.ts';

/** One view, ready for its route and the AI outputs. */
export interface RenderedView {
  url: string;
  source: string;
  section: string;
  frontMatter: Record<string, unknown>;
  title: string;
  description: string;
  kind: string;
  date: string | undefined;
  html: string;
  markdown: string;
}

/**
 * Reads `benchmarks/` and `slo-targets.yaml` under `root`; a KB without slo-targets.yaml has runs but no views.
 * `onRuns` is given the stored runs as soon as they are read and checked, before the views are planned.
 */
export async function renderViews(
  root: string,
  onRuns?: (runs: readonly Run[]) => void,
): Promise<{ runs: Run[]; views: RenderedView[] }> {
  const [runs, targets] = await Promise.all([
    loadRuns(root),
    loadSloTargets(root).catch((error: unknown) => {
      // Nothing to judge without targets: no views, the rest of the site builds.
      if ((error as { code?: string }).code === 'NOT_FOUND') return undefined;
      throw error;
    }),
  ]);
  onRuns?.(runs);
  const views = targets ? planViews(runs, targets.config) : [];
  return {
    runs,
    views: views.map((v) => ({
      url: v.url,
      source: v.source,
      section: v.section,
      frontMatter: v.frontMatter,
      title: v.frontMatter.title,
      description: v.frontMatter.description,
      kind: v.frontMatter.kind,
      date: typeof v.frontMatter.date === 'string' ? v.frontMatter.date : undefined,
      html: viewHtml(v),
      markdown: viewMarkdown(v),
    })),
  };
}
