/**
 * The part of `kb week N` that keeps the weekly report's facts current: it
 * fills the facts region of the draft `planWeek` is about to create, or
 * plans the refresh of the region in the report that exists.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WeekPlan } from '../catalog/week-plan.ts';
import type { SourceDocument } from '../core/documents.ts';
import type { PlannedWrite } from '../core/fs-atomic.ts';
import type { WeekFacts } from './facts.ts';
import { loadWeekFacts } from './load.ts';
import { planWeeklyFacts } from './weekly-report.ts';

export interface FactsRefresh {
  facts: WeekFacts;
  /** Compact counts for `--json`. */
  summary: { start: string; end: string; report?: string; action: string };
  /** The existing report with its region refreshed (absolute path), when it changed. */
  refresh?: PlannedWrite;
  message: string;
}

export async function refreshWeeklyFacts(
  root: string,
  week: number,
  plan: WeekPlan,
  options: { now: Date; planStart?: string },
): Promise<FactsRefresh> {
  const planned = plan.create.map((d) => ({
    path: d.path,
    section: d.path.split('/')[0] as SourceDocument['section'],
    frontMatter: d.frontMatter,
    body: '',
    frontMatterLines: 0,
  }));
  const facts = await loadWeekFacts(root, week, options.now, { planStart: options.planStart, planned });
  const range = `${facts.start} – ${facts.end}`;
  const draft = plan.create.find((d) => d.kind === 'weekly-report');
  if (draft) {
    draft.content = planWeeklyFacts(facts, { path: draft.path, draft: draft.content }).content;
    return {
      facts,
      summary: { start: facts.start, end: facts.end, report: draft.path, action: 'created' },
      message: `${draft.path}: facts of ${range} filled in`,
    };
  }
  const existing = plan.skipped.find((s) => s.deliverable.kind === 'weekly-report');
  if (!existing)
    return { facts, summary: { start: facts.start, end: facts.end, action: 'none' }, message: 'no weekly report' };
  const text = await fs.readFile(path.join(root, existing.path), 'utf8');
  const write = planWeeklyFacts(facts, { path: existing.path, existing: text });
  const verb = {
    replaced: 'refreshed',
    appended: 'appended (no markers found)',
    unchanged: 'already current',
    created: 'created',
  }[write.action];
  return {
    facts,
    summary: { start: facts.start, end: facts.end, report: existing.path, action: write.action },
    ...(write.action === 'unchanged'
      ? {}
      : { refresh: { path: path.join(root, existing.path), content: write.content } }),
    message: `${existing.path}: facts of ${range} ${verb}; text outside the markers untouched`,
  };
}
