/** The pure core of `kb week N`: which deliverables exist, which to create. */
import { KbError } from '../core/errors.ts';
import { deliverablesOfWeek, getKind, slugify, weeks, type Deliverable } from './catalog.ts';
import { planDocument, type PlanContext, type PlannedDocument } from './plan.ts';

export interface WeekPlan {
  week: number;
  create: (PlannedDocument & { deliverable: Deliverable })[];
  /** Deliverables already present, with the file that holds each. */
  skipped: { deliverable: Deliverable; path: string }[];
  /** Deliverables the scaffolder does not invent (ADRs): the existing records instead. */
  listed: { deliverable: Deliverable; paths: string[]; hint: string }[];
}

export interface ExistingDocument {
  path: string;
  frontMatter?: Record<string, unknown>;
}

/** File name without folder, date prefix and extension (`index.md` counts as its folder). */
function stemOf(rel: string): string {
  const parts = rel.split('/');
  let name = parts.pop() ?? '';
  if (/^index\.mdx?$/.test(name)) name = parts.pop() ?? '';
  return name.replace(/\.mdx?$/, '').replace(/^\d{4}-\d{2}-\d{2}-/, '');
}

/**
 * Whether an existing file already is this deliverable: same folder and
 * slug (any date prefix), or same kind and week in the front matter, with
 * the same title when the week has several deliverables of that kind (three
 * guides in week 7). So a page a person wrote and titled their own way counts.
 */
export function findExisting(d: Deliverable, existing: readonly ExistingDocument[]): ExistingDocument | undefined {
  const kind = getKind(d.kind);
  const alone = deliverablesOfWeek(d.week).filter((o) => o.kind === d.kind).length === 1;
  const bySlug = existing.find((doc) => doc.path.startsWith(`${kind.folder}/`) && stemOf(doc.path) === d.slug);
  if (bySlug) return bySlug;
  return existing.find((doc) => {
    const fm = doc.frontMatter ?? {};
    return (
      fm.kind === d.kind &&
      fm.week === d.week &&
      (alone || (typeof fm.title === 'string' && slugify(fm.title) === d.slug))
    );
  });
}

/** Plans `kb week N`: the week's deliverables and weekly report that do not exist yet. */
export function planWeek(
  week: number,
  existing: readonly ExistingDocument[],
  context: PlanContext & { owner?: string },
): WeekPlan {
  if (!Number.isInteger(week) || !weeks.some((w) => w.week === week)) {
    throw new KbError('BAD_ARGUMENT', `week "${week}" is not a plan week`, {
      field: 'week',
      hint: 'give a week from 1 to 12',
    });
  }
  const plan: WeekPlan = { week, create: [], skipped: [], listed: [] };
  for (const d of deliverablesOfWeek(week)) {
    if (d.kind === 'adr') {
      plan.listed.push({
        deliverable: d,
        paths: existing
          .filter((e) => e.path.startsWith(`${getKind('adr').folder}/`) && /\/\d{4}-[^/]+\.md$/.test(e.path))
          .map((e) => e.path),
        hint: 'record each decision with kb adr new "Title"',
      });
      continue;
    }
    const found = findExisting(d, existing);
    if (found) {
      plan.skipped.push({ deliverable: d, path: found.path });
      continue;
    }
    const doc = planDocument(
      { kind: d.kind, title: d.title, week, owner: context.owner, fields: Object.entries(d.fields) },
      context,
    );
    plan.create.push({ ...doc, deliverable: d });
  }
  return plan;
}
