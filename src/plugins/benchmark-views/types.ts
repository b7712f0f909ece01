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

/** One run as the reports index lists it. */
export interface RecentRun {
  permalink: string;
  title: string;
  date: string;
  suite: string;
  run: string;
  tags: string[];
  verdicts: { verdict?: string }[];
}

/** The plugin's global data: the runs the reports index names, and how many there are in all. */
export interface RecentRuns {
  team: RecentRun[];
  teamTotal: number;
  examples: RecentRun[];
  exampleTotal: number;
}
