/**
 * The document catalog: one typed row per kind of document. The CLI's
 * choices and help, front-matter validation, `kb week N`, the deliverables
 * dashboard, `kb check` and the tests all derive from this table.
 * Add a kind: one entry in `kinds` + one template `templates/<id>.md.hbs`.
 */
import type { z } from 'zod';
import { KbError } from '../core/errors.ts';
import type { SectionId } from '../core/documents.ts';
import { adrFrontMatterSchema, adrLinkTypes, adrStatuses } from '../adr/schema.ts';

import { documentSchema, documentStatuses, planExtra, reportExtra } from './schemas.ts';
import { slugify as slugifyTitle } from '../core/slug.ts';

export { adrFrontMatterSchema, adrStatuses, adrLinkTypes };
export { commonFrontMatter, documentStatuses, firstWeek, lastWeek, type DocumentStatus } from './schemas.ts';
export { findPlaceholders, placeholderPattern, placeholderPrefix } from './placeholders.ts';

/** Weeks of the programme (seed/foundation-plan.md). */
export const weeks = [
  { week: 1, phase: 1, title: 'Performance Architecture Planning' },
  { week: 2, phase: 1, title: 'Database & Storage Optimization' },
  { week: 3, phase: 1, title: 'Service Architecture & APIs' },
  { week: 4, phase: 1, title: 'Observability & Reliability' },
  { week: 5, phase: 2, title: 'Migration Preparation' },
  { week: 6, phase: 2, title: 'Core Services Migration' },
  { week: 7, phase: 2, title: 'Frontend & Tooling Migration' },
  { week: 8, phase: 2, title: 'Cutover & Validation' },
  { week: 9, phase: 3, title: 'Load Testing Infrastructure' },
  { week: 10, phase: 3, title: '10x Scale Testing' },
  { week: 11, phase: 3, title: '100x Scale Testing' },
  { week: 12, phase: 3, title: 'Production Readiness' },
] as const;

// ---------------------------------------------------------------- kinds

/** How a kind names its files: `slug.md`, dated blog posts, or numbered ADRs. */
export type FileNamePattern = 'slug' | 'date-slug' | 'number-slug';

export interface DeliverableSpec {
  week: number;
  title: string;
  /** Body fields the deliverable fills in (e.g. the load multiple of a scale test). */
  fields?: Record<string, string>;
}

/** A body field a template can show; `--field key=value` sets it. */
export interface BodyField {
  description: string;
}

interface KindInput {
  id: string;
  title: string;
  description: string;
  folder: string;
  section: SectionId;
  fileName: FileNamePattern;
  frontMatter: z.ZodType<Record<string, unknown>>;
  /** Whether `review-by` is part of this kind (set to today + reviewDays when created). */
  reviewDays?: number;
  bodyFields?: Record<string, BodyField>;
  deliverables: DeliverableSpec[];
  tags: string[];
}

/** One catalog row; `id` stays a literal so `KindId` is the union of ids. */
export type KindDef<Id extends string = string> = Readonly<Omit<KindInput, 'id'>> & {
  readonly id: Id;
  readonly template: `${Id}.md.hbs`;
  /** The plan weeks whose Day 7 requires this kind, ascending. */
  readonly weeks: readonly number[];
};

function kind<const Id extends string>(input: KindInput & { id: Id }): KindDef<Id> {
  const planWeeks = [...new Set(input.deliverables.map((d) => d.week))].sort((a, b) => a - b);
  return { ...input, template: `${input.id}.md.hbs`, weeks: planWeeks };
}

const everyWeek: DeliverableSpec[] = weeks.map((w) => ({ week: w.week, title: `Week ${w.week} report` }));
const serviceField = { service: { description: 'the service or system it covers' } };

export const kinds = [
  kind({
    id: 'adr',
    title: 'Architecture decision record',
    description: 'A numbered MADR 4 decision record with a status lifecycle',
    folder: 'adr',
    section: 'adr',
    fileName: 'number-slug',
    frontMatter: adrFrontMatterSchema,
    deliverables: [{ week: 1, title: 'Architecture decision records' }],
    tags: ['adr'],
  }),
  kind({
    id: 'weekly-report',
    title: 'Weekly report',
    description: 'End-of-week report: accomplishments, metrics vs targets, risks, next week',
    folder: 'reports',
    section: 'reports',
    fileName: 'date-slug',
    frontMatter: documentSchema('weekly-report', { extra: reportExtra }),
    deliverables: everyWeek,
    tags: ['weekly'],
  }),
  kind({
    id: 'performance-baseline-report',
    title: 'Performance baseline report',
    description: 'Measured baseline of latency, throughput and resource use before changes',
    folder: 'reports',
    section: 'reports',
    fileName: 'date-slug',
    frontMatter: documentSchema('performance-baseline-report', { extra: reportExtra }),
    bodyFields: { 'load-multiple': { description: 'load relative to today, e.g. 1x' } },
    deliverables: [
      { week: 1, title: 'Performance baseline report', fields: { 'load-multiple': '1x' } },
      { week: 9, title: 'Performance baselines', fields: { 'load-multiple': '1x' } },
    ],
    tags: ['performance', 'baseline'],
  }),
  kind({
    id: 'benchmark-report',
    title: 'Benchmark report',
    description: 'Benchmark results of a suite against SLO targets',
    folder: 'reports',
    section: 'reports',
    fileName: 'date-slug',
    frontMatter: documentSchema('benchmark-report', { extra: reportExtra }),
    deliverables: [{ week: 2, title: 'Query performance benchmarks' }],
    tags: ['benchmark'],
  }),
  kind({
    id: 'progress-report',
    title: 'Progress report',
    description: 'Progress of a migration: done, in flight, blocked, metrics',
    folder: 'reports',
    section: 'reports',
    fileName: 'date-slug',
    frontMatter: documentSchema('progress-report', { extra: reportExtra }),
    deliverables: [{ week: 6, title: 'Migration progress report' }],
    tags: ['migration', 'progress'],
  }),
  kind({
    id: 'cutover-report',
    title: 'Cutover report',
    description: 'What happened during a cutover: timeline, checks, issues, outcome',
    folder: 'reports',
    section: 'reports',
    fileName: 'date-slug',
    frontMatter: documentSchema('cutover-report', { extra: reportExtra }),
    deliverables: [{ week: 8, title: 'Cutover report' }],
    tags: ['cutover', 'migration'],
  }),
  kind({
    id: 'scale-test-report',
    title: 'Scale test report',
    description: 'A load test at a multiple of production load: scenario, results, bottlenecks',
    folder: 'reports',
    section: 'reports',
    fileName: 'date-slug',
    frontMatter: documentSchema('scale-test-report', { extra: reportExtra }),
    bodyFields: { 'load-multiple': { description: 'load relative to production, e.g. 10x' } },
    deliverables: [
      { week: 10, title: '10x scale test report', fields: { 'load-multiple': '10x' } },
      { week: 11, title: '100x scale test report', fields: { 'load-multiple': '100x' } },
    ],
    tags: ['scale-test'],
  }),
  kind({
    id: 'readiness-report',
    title: 'Readiness report',
    description: 'Production readiness review: criteria, evidence, gaps, go/no-go',
    folder: 'reports',
    section: 'reports',
    fileName: 'date-slug',
    frontMatter: documentSchema('readiness-report', { extra: reportExtra }),
    deliverables: [{ week: 12, title: 'Production readiness report' }],
    tags: ['readiness'],
  }),
  kind({
    id: 'risk-assessment',
    title: 'Risk assessment',
    description: 'Risks with likelihood, impact, mitigation and owner',
    folder: 'docs/planning',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('risk-assessment'),
    deliverables: [{ week: 1, title: 'Risk assessment' }],
    tags: ['risk', 'planning'],
  }),
  kind({
    id: 'training-plan',
    title: 'Training plan',
    description: 'What the team learns, in which order, with materials and checks',
    folder: 'docs/training',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('training-plan'),
    deliverables: [
      { week: 1, title: 'Team training plan' },
      { week: 5, title: 'Team training materials' },
    ],
    tags: ['training'],
  }),
  kind({
    id: 'playbook',
    title: 'Playbook',
    description: 'How to handle a recurring situation: triggers, decisions, plays',
    folder: 'docs/playbooks',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('playbook', { reviewBy: true }),
    reviewDays: 90,
    deliverables: [
      { week: 1, title: 'Scaling playbook' },
      { week: 4, title: 'Observability playbook' },
      { week: 9, title: 'Load testing playbook' },
    ],
    tags: ['playbook'],
  }),
  kind({
    id: 'guide',
    title: 'Guide',
    description: 'How something is built and how to work with it',
    folder: 'docs/guides',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('guide'),
    deliverables: [
      { week: 2, title: 'Database optimization guide' },
      { week: 3, title: 'Service architecture guide' },
      { week: 6, title: 'Integration guide' },
      { week: 7, title: 'Frontend architecture guide' },
      { week: 7, title: 'Component library documentation' },
      { week: 7, title: 'Development workflow guide' },
      { week: 8, title: 'New architecture guide' },
    ],
    tags: ['guide'],
  }),
  kind({
    id: 'architecture-diagrams',
    title: 'Architecture diagrams',
    description: 'Mermaid diagrams of components, data flows and deployment',
    folder: 'docs/architecture',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('architecture-diagrams'),
    deliverables: [{ week: 2, title: 'Data architecture diagrams' }],
    tags: ['architecture', 'diagrams'],
  }),
  kind({
    id: 'standard',
    title: 'Standard',
    description: 'Rules every team follows, each with a measurable target and how it is checked',
    folder: 'docs/standards',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('standard'),
    deliverables: [{ week: 3, title: 'API performance standards' }],
    tags: ['standard'],
  }),
  kind({
    id: 'slo-definition',
    title: 'SLO definition',
    description: 'Service level indicators, objectives, windows, error budgets and alerts',
    folder: 'docs/slos',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('slo-definition'),
    bodyFields: serviceField,
    deliverables: [{ week: 4, title: 'SLO/SLA definitions' }],
    tags: ['slo'],
  }),
  kind({
    id: 'api-changes',
    title: 'API changes',
    description: 'API changes with compatibility, migration steps and deprecation dates',
    folder: 'docs/api',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('api-changes'),
    deliverables: [{ week: 6, title: 'API change documentation' }],
    tags: ['api'],
  }),
  kind({
    id: 'recommendations',
    title: 'Recommendations',
    description: 'Findings and prioritised recommendations with expected impact and cost',
    folder: 'docs/recommendations',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('recommendations'),
    deliverables: [
      { week: 9, title: 'Scaling recommendations' },
      { week: 10, title: 'Optimization recommendations' },
    ],
    tags: ['recommendations'],
  }),
  kind({
    id: 'requirements',
    title: 'Requirements',
    description: 'What is needed (capacity, budget, people), why, and by when',
    folder: 'docs/planning',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('requirements'),
    deliverables: [
      { week: 10, title: 'Infrastructure requirements' },
      { week: 11, title: 'Investment requirements' },
    ],
    tags: ['requirements', 'planning'],
  }),
  kind({
    id: 'architecture-plan',
    title: 'Architecture plan',
    description: 'Where the architecture goes next: current state, target state, stages',
    folder: 'docs/architecture',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('architecture-plan'),
    deliverables: [{ week: 11, title: 'Architecture evolution plan' }],
    tags: ['architecture'],
  }),
  kind({
    id: 'runbook',
    title: 'Runbook',
    description: 'Step-by-step operational procedure with commands, verification and rollback',
    folder: 'runbooks',
    section: 'runbooks',
    fileName: 'slug',
    frontMatter: documentSchema('runbook', { reviewBy: true }),
    reviewDays: 90,
    bodyFields: serviceField,
    deliverables: [
      { week: 3, title: 'Deployment runbook' },
      { week: 5, title: 'Migration runbook' },
      { week: 8, title: 'Operational runbooks' },
    ],
    tags: ['runbook'],
  }),
  kind({
    id: 'incident-procedure',
    title: 'Incident procedure',
    description: 'How to detect, triage, mitigate and learn from an incident',
    folder: 'runbooks',
    section: 'runbooks',
    fileName: 'slug',
    frontMatter: documentSchema('incident-procedure', { reviewBy: true }),
    reviewDays: 90,
    deliverables: [{ week: 4, title: 'Incident response procedures' }],
    tags: ['incident'],
  }),
  kind({
    id: 'rollback-procedure',
    title: 'Rollback procedure',
    description: 'How to roll a change back within the rollback-time target',
    folder: 'runbooks',
    section: 'runbooks',
    fileName: 'slug',
    frontMatter: documentSchema('rollback-procedure', { reviewBy: true }),
    reviewDays: 90,
    bodyFields: serviceField,
    deliverables: [{ week: 5, title: 'Rollback procedures' }],
    tags: ['rollback'],
  }),
  kind({
    id: 'checklist',
    title: 'Checklist',
    description: 'Task items to tick before a milestone, each with an owner',
    folder: 'runbooks',
    section: 'runbooks',
    fileName: 'slug',
    frontMatter: documentSchema('checklist'),
    deliverables: [{ week: 12, title: 'Go-live checklist' }],
    tags: ['checklist'],
  }),
  kind({
    id: 'operational-procedures',
    title: 'Operational procedures',
    description: 'Routine operations: schedules, on-call, maintenance, capacity reviews',
    folder: 'runbooks',
    section: 'runbooks',
    fileName: 'slug',
    frontMatter: documentSchema('operational-procedures', { reviewBy: true }),
    reviewDays: 90,
    deliverables: [{ week: 12, title: 'Operational procedures' }],
    tags: ['operations'],
  }),
  kind({
    id: 'plan',
    title: 'Plan page',
    description: 'A page of the programme plan itself (phases, weeks)',
    folder: 'docs/plan',
    section: 'docs',
    fileName: 'slug',
    frontMatter: documentSchema('plan', { extra: planExtra }),
    deliverables: [],
    tags: ['plan'],
  }),
] as const;

export type KindId = (typeof kinds)[number]['id'];
export type Kind = KindDef<KindId>;
export const kindIds = kinds.map((k) => k.id) as KindId[];

export function isKindId(id: string): id is KindId {
  return (kindIds as string[]).includes(id);
}

/** The catalog entry for `id`; UNKNOWN_KIND (listing every kind) when there is none. */
/** Kinds that must carry owner and review-by: everything filed under runbooks/, and playbooks. */
export const reviewedKinds: ReadonlySet<string> = new Set(
  kinds.filter((k) => k.section === 'runbooks' || k.id === 'playbook').map((k) => k.id),
);

export function getKind(id: string): Kind {
  const found = (kinds as readonly Kind[]).find((k) => k.id === id);
  if (!found) {
    throw new KbError('UNKNOWN_KIND', `unknown document kind "${id}"`, {
      field: 'kind',
      hint: `use one of: ${kindIds.join(', ')} (see \`kb kinds\`)`,
    });
  }
  return found;
}

/** Turns a title into the file slug; document file names stay under 80 characters. */
export function slugify(title: string): string {
  return slugifyTitle(title, 80);
}

export interface Deliverable {
  week: number;
  kind: KindId;
  title: string;
  slug: string;
  fields: Record<string, string>;
}

/** Every Day-7 deliverable of the plan's 12 weeks, plus a weekly report per week, in week order. */
export const deliverables: readonly Deliverable[] = kinds
  .flatMap((k) =>
    k.deliverables.map((d) => ({
      week: d.week,
      kind: k.id as KindId,
      title: d.title,
      slug: slugify(d.title),
      fields: d.fields ?? {},
    })),
  )
  .sort((a, b) => a.week - b.week || kindIds.indexOf(a.kind) - kindIds.indexOf(b.kind));

export function deliverablesOfWeek(week: number): Deliverable[] {
  return deliverables.filter((d) => d.week === week);
}

/** The weeks whose Day 7 requires this kind. */
export function weeksOf(kindId: KindId): number[] {
  return [...getKind(kindId).weeks];
}

// ---------------------------------------------------------------- validation

export interface FrontMatterIssue {
  file: string;
  /** Dotted path inside the front matter, e.g. `links.0.target`. */
  field: string;
  message: string;
  hint: string;
  /** `file: field: what — how to fix`. */
  text: string;
}

function hintFor(kindId: string, field: string): string {
  if (field === 'status')
    return kindId === 'adr'
      ? `set status to one of ${adrStatuses.join(', ')}`
      : `set status to one of ${documentStatuses.join(', ')}`;
  if (field === 'date' || field === 'review-by') return `write ${field}: YYYY-MM-DD`;
  if (field === 'week') return 'write week: N with N from 1 to 12, or remove it';
  if (field === 'kind') return `write kind: ${kindId}`;
  if (field === 'tags') return 'write tags as a YAML list, e.g. tags: [cache, redis]';
  return `fix ${field} in the front matter`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Validates front matter against its kind's schema, collecting every issue
 * (never throwing on bad data). `value` is the parsed data when valid.
 */
export function validateFrontMatter(
  kindId: string,
  data: unknown,
  file: string,
): { value?: Record<string, unknown>; issues: FrontMatterIssue[] } {
  const issue = (field: string, message: string, hint: string): FrontMatterIssue => ({
    file,
    field,
    message,
    hint,
    text: `${file}: ${field}: ${message} — ${hint}`,
  });
  if (!isKindId(kindId))
    return { issues: [issue('kind', `unknown document kind "${kindId}"`, `use one of: ${kindIds.join(', ')}`)] };
  const result = getKind(kindId).frontMatter.safeParse(data);
  if (result.success) return { value: result.data, issues: [] };
  return {
    issues: result.error.issues.map((i) => {
      const field = i.path.length > 0 ? i.path.join('.') : 'front matter';
      const missing = i.code === 'invalid_type' && valueAt(data, i.path) === undefined;
      return issue(
        field,
        missing ? 'is missing' : i.message,
        missing ? `add ${field} to the front matter` : hintFor(kindId, String(i.path[0] ?? '')),
      );
    }),
  };
}
