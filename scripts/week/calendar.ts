/**
 * The plan's calendar: week N's dates from the programme's start date.
 *
 * The plan fixes months, not days; docs/plan/index.md states the assumed
 * start (front matter `plan-start`, the Monday its Gantt chart starts on).
 * `kb week --start` overrides it for a team whose programme starts elsewhere.
 */
import { KbError } from '../core/errors.ts';
import { weeks } from '../catalog/catalog.ts';

/** Where the KB states the programme's start date. */
export const planStartSource = 'docs/plan/index.md';
/** The start the plan's Gantt chart assumes when the front matter has none. */
export const defaultPlanStart = '2025-01-06';

const dayMs = 86_400_000;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export interface WeekDates {
  week: number;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (start + 6), YYYY-MM-DD. */
  end: string;
}

function parseDay(text: string, field: string): number {
  const ms = isoDate.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new KbError('BAD_ARGUMENT', `"${text}" is not a date`, { field, hint: 'write a date like 2025-01-06' });
  return ms;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The plan start from the plan page's front matter, else the default. */
export function planStartOf(frontMatter: Record<string, unknown> | undefined): string {
  const raw = frontMatter?.['plan-start'];
  if (raw instanceof Date) return day(raw.getTime());
  if (typeof raw === 'string' && isoDate.test(raw)) return raw;
  return defaultPlanStart;
}

export function weekDates(week: number, planStart: string): WeekDates {
  if (!weeks.some((w) => w.week === week))
    throw new KbError('BAD_ARGUMENT', `week "${week}" is not a plan week`, {
      field: 'week',
      hint: 'give a week from 1 to 12',
    });
  const start = parseDay(planStart, 'plan-start') + (week - 1) * 7 * dayMs;
  return { week, start: day(start), end: day(start + 6 * dayMs) };
}

/**
 * The plan week a dated item belongs to. Work dated before the programme
 * starts counts for week 1 (the decisions the plan itself records); work after
 * week 12 belongs to no week.
 */
export function weekOfDate(date: string | undefined, planStart: string): number | undefined {
  if (!date || !isoDate.test(date.slice(0, 10))) return undefined;
  const offset = Math.floor((parseDay(date.slice(0, 10), 'date') - parseDay(planStart, 'plan-start')) / dayMs);
  if (offset < 0) return 1;
  const week = Math.floor(offset / 7) + 1;
  return week <= weeks.length ? week : undefined;
}
