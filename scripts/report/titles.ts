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
export function runTitle({ suite, date, label, pass, fail }: RunTitleInput): string {
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
