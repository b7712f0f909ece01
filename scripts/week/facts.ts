/**
 * Everything the knowledge base knows about plan week N, as data: the pure
 * core behind `kb week N` (the facts region of the weekly report), the
 * weekly dashboard and `kb mcp`'s week_summary tool. Values in, values out:
 * documents, runs, targets, git changes and `now` are passed in.
 *
 * Which week an item belongs to: its explicit `week` (front matter, run
 * label) when it has one, else the plan week its date falls in
 * (see calendar.ts: work dated before the programme counts for week 1).
 */
import { deliverablesOfWeek, weeks } from '../catalog/catalog.ts';
import type { SourceDocument } from '../core/documents.ts';
import { permalinkOf } from '../core/routes.ts';
import { isAdrRecord } from '../adr/numbering.ts';
import { reviewDateOf } from '../core/dates.ts';
import type { Run } from '../ingest/run-schema.ts';
import { reportUrl, runReportSlug } from '../report/paths.ts';
import { buildScorecard } from '../report/scorecard.ts';
import type { SloTarget } from '../report/slo-targets.ts';
import { runDate } from '../report/store.ts';
import { humanRunTitle } from '../report/titles.ts';
import { judgeRun } from '../report/verdict.ts';
import { buildDeliverables } from './deliverables.ts';
import type { CellState } from '../../src/plugins/dashboards/types.ts';
import { weekDates, weekOfDate } from './calendar.ts';

/** One line of `git log --name-status`, as the edge parses it. */
export interface GitChange {
  /** YYYY-MM-DD (author date). */
  date: string;
  path: string;
  status: 'added' | 'changed' | 'removed';
}

export interface Link {
  title: string;
  /** Site URL when the page has one. */
  url?: string;
  path: string;
}

export interface AdrFact extends Link {
  number: number;
  status: string;
  date?: string;
}

export interface RunFact {
  id: string;
  title: string;
  suite: string;
  date: string;
  url: string;
  example: boolean;
  pass: number;
  fail: number;
  /** From the run's report page (its front matter or summary line); undefined when the page says nothing. */
  regressions?: number;
}

export interface DeliverableFact {
  title: string;
  kind: string;
  state: CellState;
  doc?: Link;
  note?: string;
}

export type ScoreChange = 'new' | 'better' | 'worse' | 'same' | 'none';

export interface ScoreFact {
  target: string;
  title: string;
  verdict: string;
  value?: number;
  unit: string;
  comparison: string;
  threshold: number;
  previousVerdict?: string;
  previousValue?: number;
  change: ScoreChange;
  decidedBy?: string;
  report?: string;
}

export interface WeekFacts {
  week: number;
  title: string;
  phase: number;
  start: string;
  end: string;
  adrs: { proposed: AdrFact[]; accepted: AdrFact[]; superseded: AdrFact[]; other: AdrFact[] };
  runs: RunFact[];
  deliverables: DeliverableFact[];
  scorecard: ScoreFact[];
  documents: { source: 'git' | 'front-matter'; added: Link[]; changed: Link[] };
  reviewsDue: (Link & { reviewBy: string; owner?: string })[];
}

export interface WeekInputs {
  week: number;
  planStart: string;
  documents: readonly SourceDocument[];
  runs: readonly Run[];
  targets: readonly SloTarget[];
  /** Git history of the content folders; undefined when the tree is not a git checkout. */
  changes?: readonly GitChange[];
  /** Site URLs by source path (the build's); default: computed from the path. */
  urls?: ReadonlyMap<string, string>;
  now: Date;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const dateOf = (v: unknown): string | undefined =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : undefined;
const contentFolder = /^(docs|adr|runbooks|reports)\/.+\.mdx?$/;

function linkOf(doc: SourceDocument, urls: ReadonlyMap<string, string> | undefined): Link {
  const title = str(doc.frontMatter.title) ?? /^# (.+)$/m.exec(doc.body)?.[1]?.trim() ?? doc.path.split('/').at(-1)!;
  const url = urls ? urls.get(doc.path) : permalinkOf(doc.path, doc.frontMatter);
  return url ? { title, url, path: doc.path } : { title, path: doc.path };
}

/** The plan week of a document: `week` in its front matter, else its `date`. */
export function documentWeek(doc: SourceDocument, planStart: string): number | undefined {
  return int(doc.frontMatter.week) ?? weekOfDate(dateOf(doc.frontMatter.date), planStart);
}

/** Each run's week, worked out once per plan start: the dashboards ask 36 times for each of 10,000 runs. */
const runWeeks = new WeakMap<Run, { planStart: string; week: number | undefined }>();

/** The plan week of a run: its `week` label, else the day it ran. */
export function runWeek(run: Run, planStart: string): number | undefined {
  const known = runWeeks.get(run);
  if (known?.planStart === planStart) return known.week;
  const week = run.labels.week ?? weekOfDate(runDate(run), planStart);
  runWeeks.set(run, { planStart, week });
  return week;
}

/** Regressions a run's report page states: `regressions:` front matter or "N regressions" in its description. */
function regressionsOf(page: SourceDocument | undefined): number | undefined {
  if (!page) return undefined;
  const declared = int(page.frontMatter.regressions);
  if (declared !== undefined) return declared;
  const m = /(\d+) regressions?/.exec(str(page.frontMatter.description) ?? '');
  return m ? Number(m[1]) : str(page.frontMatter.description) ? 0 : undefined;
}

function scoreChange(
  now: { verdict: string; value?: number },
  before: { verdict: string; value?: number } | undefined,
  lowerIsBetter: boolean,
): ScoreChange {
  if (now.verdict === 'not measured') return before && before.verdict !== 'not measured' ? 'worse' : 'none';
  if (!before || before.verdict === 'not measured') return 'new';
  if (now.verdict !== before.verdict) return now.verdict === 'pass' ? 'better' : 'worse';
  if (now.value === undefined || before.value === undefined || now.value === before.value) return 'same';
  return now.value < before.value === lowerIsBetter ? 'better' : 'worse';
}

/** Every fact of week N. Pure. */
export function weekFacts(input: WeekInputs): WeekFacts {
  const { week, planStart, documents, urls } = input;
  const { start, end } = weekDates(week, planStart);
  const plan = weeks.find((w) => w.week === week)!;
  const inWeek = (date: string | undefined) => date !== undefined && date >= start && date <= end;

  // ADRs of the week, by their current status; superseded = replaced by a record of this week.
  const records = documents.filter(isAdrRecord).map((doc) => ({
    doc,
    fact: {
      ...linkOf(doc, urls),
      number: int(doc.frontMatter.adr) ?? Number(/(\d{4})-/.exec(doc.path)?.[1] ?? 0),
      status: str(doc.frontMatter.status) ?? 'proposed',
      ...(dateOf(doc.frontMatter.date) ? { date: dateOf(doc.frontMatter.date) } : {}),
    } satisfies AdrFact,
  }));
  const ofWeek = records.filter((r) => documentWeek(r.doc, planStart) === week);
  const numbersOfWeek = new Set(ofWeek.map((r) => r.fact.number));
  const byNumber = (a: AdrFact, b: AdrFact) => a.number - b.number;
  const adrs = {
    proposed: ofWeek
      .filter((r) => r.fact.status === 'proposed')
      .map((r) => r.fact)
      .sort(byNumber),
    accepted: ofWeek
      .filter((r) => r.fact.status === 'accepted')
      .map((r) => r.fact)
      .sort(byNumber),
    superseded: records
      .filter((r) => {
        const by = int(r.doc.frontMatter['superseded-by']);
        return by !== undefined && numbersOfWeek.has(by);
      })
      .map((r) => r.fact)
      .sort(byNumber),
    other: ofWeek
      .filter((r) => !['proposed', 'accepted'].includes(r.fact.status))
      .map((r) => r.fact)
      .sort(byNumber),
  };

  // Runs of the week, newest first, with verdicts and the regressions their pages report.
  const pages = new Map(
    documents.filter((d) => str(d.frontMatter.run)).map((d) => [str(d.frontMatter.run)!, d] as const),
  );
  const runs = input.runs
    .filter((run) => runWeek(run, planStart) === week)
    .map((run): RunFact => {
      const verdicts = judgeRun(input.targets, run);
      const pass = verdicts.filter((v) => v.verdict === 'pass').length;
      const fail = verdicts.filter((v) => v.verdict === 'fail').length;
      const date = runDate(run);
      const regressions = regressionsOf(pages.get(run.id));
      return {
        id: run.id,
        title: humanRunTitle({ suite: run.suite, date, label: run.labels.label, pass, fail }),
        suite: run.suite,
        date,
        url: reportUrl(runReportSlug(run)),
        example: Boolean(run.labels.example),
        pass,
        fail,
        ...(regressions !== undefined ? { regressions } : {}),
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));

  // Day-7 deliverables: the dashboard's own matching, so both always agree.
  const linkUrls =
    urls ??
    new Map(documents.map((d) => [d.path, permalinkOf(d.path, d.frontMatter) ?? ''] as const).filter(([, u]) => u));
  const row = buildDeliverables(documents, linkUrls, input.now).weeks.find((w) => w.week === week);
  const deliverables: DeliverableFact[] = (row?.cells ?? []).map((c) => ({
    title: c.title,
    kind: c.kind,
    state: c.state,
    ...(c.doc ? { doc: c.doc } : {}),
    ...(c.note ? { note: c.note } : {}),
  }));
  if (deliverables.length === 0)
    for (const d of deliverablesOfWeek(week)) deliverables.push({ title: d.title, kind: d.kind, state: 'missing' });

  // Scorecard as of the end of this week and of the week before (real runs only decide).
  const upTo = (n: number) => input.runs.filter((r) => (runWeek(r, planStart) ?? Number.POSITIVE_INFINITY) <= n);
  const nowCard = buildScorecard(input.targets, upTo(week));
  const beforeCard = week > 1 ? buildScorecard(input.targets, upTo(week - 1)) : [];
  const scorecard = nowCard.map((e): ScoreFact => {
    const before = beforeCard.find((b) => b.target === e.target);
    return {
      target: e.target,
      title: e.title,
      verdict: e.verdict,
      ...(e.value !== undefined ? { value: e.value } : {}),
      unit: e.unit,
      comparison: e.comparison,
      threshold: e.threshold,
      ...(before ? { previousVerdict: before.verdict } : {}),
      ...(before?.value !== undefined ? { previousValue: before.value } : {}),
      change: scoreChange(e, before, e.comparison.startsWith('<')),
      ...(e.suite ? { decidedBy: e.suite } : {}),
      ...(e.report ? { report: e.report } : {}),
    };
  });

  // Documents added or changed: git history when there is one, else front matter dates.
  const byPath = new Map(documents.map((d) => [d.path, d] as const));
  const added: Link[] = [];
  const changed: Link[] = [];
  let source: 'git' | 'front-matter' = 'front-matter';
  if (input.changes) {
    source = 'git';
    const status = new Map<string, GitChange['status']>();
    for (const c of input.changes) {
      if (!inWeek(c.date) || !contentFolder.test(c.path)) continue;
      const seen = status.get(c.path);
      if (seen !== 'added') status.set(c.path, c.status === 'added' ? 'added' : (seen ?? c.status));
    }
    for (const [p, s] of [...status].sort(([a], [b]) => a.localeCompare(b))) {
      const doc = byPath.get(p);
      if (!doc) continue; // removed since, or not a document
      (s === 'added' ? added : changed).push(linkOf(doc, urls));
    }
  } else {
    for (const doc of [...documents].sort((a, b) => a.path.localeCompare(b.path)))
      if (inWeek(dateOf(doc.frontMatter.date))) added.push(linkOf(doc, urls));
  }

  const reviewsDue = documents
    .map((doc) => ({ doc, reviewBy: reviewDateOf(doc.frontMatter['review-by']) }))
    .filter((x): x is { doc: SourceDocument; reviewBy: string } => inWeek(x.reviewBy))
    .map(({ doc, reviewBy }) => ({
      ...linkOf(doc, urls),
      reviewBy,
      ...(str(doc.frontMatter.owner) ? { owner: str(doc.frontMatter.owner) } : {}),
    }))
    .sort((a, b) => a.reviewBy.localeCompare(b.reviewBy) || a.path.localeCompare(b.path));

  return {
    week,
    title: plan.title,
    phase: plan.phase,
    start,
    end,
    adrs,
    runs,
    deliverables,
    scorecard,
    documents: { source, added, changed },
    reviewsDue,
  };
}

/** Parses `git log --name-status --format=%x00%ad --date=short` output (the edge runs git). */
export function parseGitLog(text: string): GitChange[] {
  const changes: GitChange[] = [];
  let date = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('\0')) {
      date = line.slice(1).trim();
      continue;
    }
    const m = /^([AMDRC])\d*\t(.+)$/.exec(line);
    if (!m || !date) continue;
    const paths = m[2]!.split('\t');
    const status = m[1] === 'A' || m[1] === 'C' ? 'added' : m[1] === 'D' ? 'removed' : 'changed';
    changes.push({ date, path: paths.at(-1)!, status: m[1] === 'R' ? 'added' : status });
  }
  return changes;
}
