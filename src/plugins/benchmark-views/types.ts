/**
 * What a framed view's page holds where its body goes (a production build with run pages in frames): the
 * body of a suite history is hundreds of KB of charts and tables, and as route data it went through the
 * bundler, the server render and the HTML minifier, and into a JavaScript chunk besides (a KB with 20
 * suites of 500 runs: ~10 CPU-seconds of its build). postBuild puts the body into the built page
 * (run-pages.ts, fillViewPages); in the browser, src/components/BenchmarkView reads it from the page.
 * It has a space, like the run page frame's tokens, so the HTML minifier leaves it whole.
 */
export const VIEW_ARTICLE_TOKEN = '@@KB_VIEW ARTICLE@@';

/** What one benchmark view page receives (the JSON module of its route). */
export interface BenchmarkViewData {
  url: string;
  title: string;
  description: string;
  kind: string;
  date?: string;
  /** Body as HTML, charts inline: rendered at build time by scripts/report/views.ts; or VIEW_ARTICLE_TOKEN. */
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
