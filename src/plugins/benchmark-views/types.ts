/** What one benchmark view page receives (the JSON module of its route). */
export interface BenchmarkViewData {
  url: string;
  title: string;
  description: string;
  kind: string;
  date?: string;
  /** Body as HTML, charts inline: rendered at build time by scripts/report/views.ts. */
  html: string;
  /** Same body as Markdown, for the AI outputs (not sent to the browser). */
  markdown?: string;
}
