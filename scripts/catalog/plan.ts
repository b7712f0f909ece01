/**
 * The pure core of `kb new` (and of each file `kb week` makes): values in,
 * planned files out. No clock, no cwd, no disk: `today` and the templates
 * are passed in.
 */
import { parseTitle } from '../core/title.ts';
import { KbError } from '../core/errors.ts';
import { serializeMarkdown } from '../core/front-matter.ts';
import { escapeCell, escapeInline } from '../core/markdown-escape.ts';
import { deliverablesOfWeek, getKind, slugify, validateFrontMatter, weeks, type Kind, type KindId } from './catalog.ts';
import { renderTemplate, type TemplateSet } from './templates.ts';

/** The plan's Success Metrics, shown as the targets table of reports. */
export const planTargets = [
  { metric: 'API response time (p99)', target: '< 100 ms' },
  { metric: 'Database queries (p95)', target: '< 50 ms' },
  { metric: 'Page load time', target: '< 1 s' },
  { metric: 'Build time (monorepo)', target: '< 5 min' },
  { metric: 'Test suite (full)', target: '< 10 min' },
  { metric: 'Requests per second', target: '≥ 10K' },
  { metric: 'Concurrent users', target: '≥ 100K' },
  { metric: 'Error rate', target: '< 0.1 %' },
  { metric: 'Uptime', target: '99.99 %' },
  { metric: 'Recovery time', target: '< 1 min' },
  { metric: 'Rollback time', target: '< 5 min' },
] as const;

/** Front-matter keys `--field key=value` may set (the rest are the kind's body fields). */
export const frontMatterFieldKeys = ['description', 'tags', 'status', 'date', 'review-by', 'suite'] as const;

export interface DocumentRequest {
  kind: string;
  title: unknown;
  week?: number;
  owner?: string;
  /** `--field key=value` pairs, in order given; a later key wins. */
  fields?: readonly (readonly [string, string])[];
}

export interface PlannedDocument {
  kind: KindId;
  title: string;
  slug: string;
  /** Relative to the project root, forward slashes. */
  path: string;
  frontMatter: Record<string, unknown>;
  content: string;
}

export interface PlanContext {
  /** YYYY-MM-DD. */
  today: string;
  templates: TemplateSet;
}

export const defaultOwner = 'unassigned';

/** `YYYY-MM-DD` plus `days`, in UTC. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Splits `key=value` (the value may contain `=`); BAD_ARGUMENT when there is no key. */
export function parseFieldPair(raw: string): [string, string] {
  const at = raw.indexOf('=');
  const key = at > 0 ? raw.slice(0, at).trim() : '';
  if (!/^[a-z][a-z0-9-]*$/.test(key)) {
    throw new KbError('BAD_ARGUMENT', `--field "${raw}" is not key=value`, {
      field: '--field',
      hint: 'write --field key=value, e.g. --field service=api-gateway',
    });
  }
  return [key, raw.slice(at + 1)];
}

function splitFields(kind: Kind, pairs: readonly (readonly [string, string])[]) {
  const bodyKeys = Object.keys(kind.bodyFields ?? {});
  const front: Record<string, string> = {};
  const body: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if ((frontMatterFieldKeys as readonly string[]).includes(key)) front[key] = value;
    else if (bodyKeys.includes(key)) body[key] = value;
    else {
      throw new KbError('BAD_ARGUMENT', `unknown field "${key}" for kind ${kind.id}`, {
        field: '--field',
        hint: `use one of: ${[...frontMatterFieldKeys, ...bodyKeys].join(', ')}`,
      });
    }
  }
  return { front, body };
}

/** The week a title belongs to when it names one of the kind's deliverables. */
function inferWeek(kind: Kind, slug: string): number | undefined {
  return kind.deliverables.find((d) => slugify(d.title) === slug)?.week;
}

function fileName(kind: Kind, slug: string, date: string): string {
  return kind.fileName === 'date-slug' ? `${date}-${slug}.md` : `${slug}.md`;
}

/** Everything a template may use, computed and escaped here so templates hold layout only. */
export function buildView(
  kind: Kind,
  doc: { title: string; week?: number; owner: string; date: string; reviewBy?: string; status: string },
  body: Record<string, string>,
) {
  const week = doc.week === undefined ? undefined : weeks.find((w) => w.week === doc.week);
  const fields = Object.fromEntries(
    Object.entries(kind.bodyFields ?? {}).map(([key, spec]) => [
      key,
      body[key] === undefined || body[key].trim() === '' ? `TODO: ${spec.description}` : escapeInline(body[key]),
    ]),
  );
  return {
    title: escapeInline(doc.title),
    kindTitle: kind.title,
    owner: escapeInline(doc.owner),
    status: doc.status,
    date: doc.date,
    reviewBy: doc.reviewBy ?? '',
    week: week?.week ?? 0,
    weekTitle: week ? escapeInline(week.title) : '',
    phase: week?.phase ?? 0,
    fields,
    targets: planTargets.map((t) => ({ metric: escapeCell(t.metric), target: escapeCell(t.target) })),
    deliverables: week
      ? deliverablesOfWeek(week.week)
          .filter((d) => d.kind !== 'weekly-report')
          .map((d) => ({ title: escapeInline(d.title), kind: d.kind }))
      : [],
  };
}

/** Plans one document of a catalog kind: its path and full content. ADRs have their own path (`createAdr`). */
export function planDocument(request: DocumentRequest, context: PlanContext): PlannedDocument {
  const kind = getKind(request.kind);
  if (kind.id === 'adr') {
    throw new KbError('USAGE', 'ADRs are numbered and created by the ADR module', {
      field: 'kind',
      hint: 'run kb adr new "Title"',
    });
  }
  const { title, slug } = parseTitle(request.title, {
    folder: kind.folder,
    example: `kb new ${kind.id} "Deploy the API gateway"`,
    slug: slugify,
  });
  const { front, body } = splitFields(kind, request.fields ?? []);
  const week = request.week ?? inferWeek(kind, slug);
  if (kind.id === 'weekly-report' && week === undefined) {
    throw new KbError('BAD_ARGUMENT', 'a weekly report needs its week', {
      field: '--week',
      hint: 'pass --week N (1–12)',
    });
  }
  const owner = request.owner?.trim() || defaultOwner;
  const date = front.date ?? context.today;
  const status = front.status ?? 'draft';
  const reviewBy = front['review-by'] ?? (kind.reviewDays ? addDays(date, kind.reviewDays) : undefined);
  const tags =
    front.tags !== undefined
      ? front.tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [...kind.tags];
  const frontMatter: Record<string, unknown> = {
    title,
    kind: kind.id,
    status,
    owner,
    week,
    date,
    'review-by': reviewBy,
    tags,
    description: front.description ?? `TODO: one-line summary of this ${kind.title.toLowerCase()}`,
    suite: front.suite,
  };
  const path = `${kind.folder}/${fileName(kind, slug, date)}`;
  const { issues } = validateFrontMatter(kind.id, JSON.parse(JSON.stringify(frontMatter)), path);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new KbError('BAD_ARGUMENT', first.message, { file: path, field: first.field, hint: first.hint });
  }
  const view = buildView(kind, { title, week, owner, date, reviewBy, status }, body);
  const rendered = renderTemplate(context.templates, kind.template, view);
  return {
    kind: kind.id,
    title,
    slug,
    path,
    frontMatter,
    content: serializeMarkdown(frontMatter, `\n${rendered.trimEnd()}\n`),
  };
}
