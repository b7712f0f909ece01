/**
 * Human titles for report pages, in one place so every page generator and the
 * reports index call the same function:
 *   "k6 petstore — 26 Nov 2026: 1 of 3 targets met"
 *   "kb build — 6 Dec 2026: no targets judged"
 * Pure: values in, a string out.
 */

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-26` → `26 Nov 2026` (the date as written, no time zone shift). */
export function humanDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** A suite id as words: `example-k6-petstore` → `k6 petstore`; `kb-cli` → `kb cli`. */
export function suiteWords(suite: string): string {
  return suite.replace(/^example-/, '').replace(/[-_]+/g, ' ');
}

/** "1 of 3 targets met", "all 2 targets met", "no targets judged". */
export function targetsMet(pass: number, judged: number): string {
  if (judged === 0) return 'no targets judged';
  if (pass === judged) return judged === 1 ? 'its target met' : `all ${judged} targets met`;
  return `${pass} of ${judged} target${judged === 1 ? '' : 's'} met`;
}

export interface RunTitleInput {
  suite: string;
  /** YYYY-MM-DD */
  date: string;
  /** Free label (load multiple, page), shown after the suite. */
  label?: string;
  pass: number;
  fail: number;
}

/** `k6 petstore — 26 Nov 2026: 1 of 3 targets met` (label after the suite when there is one). */
export function humanRunTitle({ suite, date, label, pass, fail }: RunTitleInput): string {
  const name = label ? `${suiteWords(suite)} ${label}` : suiteWords(suite);
  return `${name} — ${humanDate(date)}: ${targetsMet(pass, pass + fail)}`;
}

/** `Week 3 — 20–26 Jan 2025: Service Architecture & APIs` */
export function weekTitle(week: number, title: string, start: string, end: string): string {
  const [s, e] = [humanDate(start), humanDate(end)];
  const sameMonth = s.split(' ').slice(1).join(' ') === e.split(' ').slice(1).join(' ');
  const range = sameMonth ? `${s.split(' ')[0]}–${e}` : `${s} – ${e}`;
  return `Week ${week} — ${range}: ${title}`;
}

/** What the reports index knows about a page: its front matter and the blog's metadata. */
export interface ReportListing {
  title: string;
  /** YYYY-MM-DD or an ISO date. */
  date: string;
  kind?: string;
  suite?: string;
  run?: string;
  tags?: readonly string[];
  verdicts?: readonly { verdict?: string }[];
}

export type ReportGroup = 'weekly' | 'benchmark' | 'scale-test' | 'baseline' | 'other';

/** The group of the reports index a page belongs to, by its kind. */
export function reportGroup(kind: string | undefined): ReportGroup {
  if (kind === 'weekly-report') return 'weekly';
  if (kind === 'benchmark-report') return 'benchmark';
  if (kind === 'scale-test-report') return 'scale-test';
  if (kind === 'performance-baseline-report') return 'baseline';
  return 'other';
}

/** Run ids end in a timestamp and an optional label: `kb-site-20261126t061245-home` → `home`. */
export function runLabelOf(runId: string | undefined): string | undefined {
  return runId ? /-\d{8}t\d{6}-(.+)$/.exec(runId)?.[1] : undefined;
}

/** The title the reports index shows: benchmark runs get the human run title, everything else its own. */
export function reportListTitle(r: ReportListing): string {
  if (reportGroup(r.kind) === 'benchmark' && r.suite && r.run) {
    const verdicts = r.verdicts ?? [];
    return humanRunTitle({
      suite: r.suite,
      date: r.date.slice(0, 10),
      label: runLabelOf(r.run),
      pass: verdicts.filter((v) => v.verdict === 'pass').length,
      fail: verdicts.filter((v) => v.verdict === 'fail').length,
    });
  }
  return r.title;
}

/** Example reports (public fixtures) are tagged `example`: kept apart from the team's own. */
export function isExampleReport(r: Pick<ReportListing, 'tags'>): boolean {
  return (r.tags ?? []).includes('example');
}
