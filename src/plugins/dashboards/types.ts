/** The JSON each dashboard page receives as its `data` prop (built at build time). */

export type CellState = 'missing' | 'draft' | 'review' | 'published';

export interface DocRef {
  title: string;
  /** Site URL, only when Docusaurus routed the document. */
  url?: string;
  path: string;
}

export interface DeliverableCell {
  week: number;
  kind: string;
  title: string;
  state: CellState;
  doc?: DocRef;
  /** e.g. "3 records" for the ADR deliverable. */
  note?: string;
}

export interface WeekRow {
  week: number;
  phase: number;
  title: string;
  cells: DeliverableCell[];
  published: number;
  total: number;
}

export interface DeliverablesData {
  asOf: string;
  weeks: WeekRow[];
  published: number;
  inProgress: number;
  total: number;
}

export type FreshnessState = 'overdue' | 'due-soon' | 'ok' | 'missing';

export interface FreshnessItem extends DocRef {
  kind: string;
  status: string;
  reviewBy?: string;
  /** Days until review-by (negative when overdue). */
  daysLeft?: number;
  state: FreshnessState;
}

export interface OwnerGroup {
  owner: string;
  overdue: number;
  items: FreshnessItem[];
}

export interface FreshnessData {
  asOf: string;
  dueSoonDays: number;
  groups: OwnerGroup[];
  overdue: number;
  dueSoon: number;
  missing: number;
  total: number;
}

export const decisionStatuses = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];
export type StatusCounts = Record<DecisionStatus, number>;

export interface DecisionMonth {
  /** YYYY-MM */
  month: string;
  /** Records dated in this month, by their current status. */
  counts: StatusCounts;
  /** All records dated up to the end of this month, by their current status. */
  cumulative: StatusCounts;
}

export interface DecisionRecord extends DocRef {
  number: number;
  status: string;
  date?: string;
  supersededBy?: number;
}

export interface DecisionsData {
  asOf: string;
  totals: StatusCounts;
  months: DecisionMonth[];
  records: DecisionRecord[];
}

export interface DashboardsIndexData {
  asOf: string;
  routes: { deliverables: string; freshness: string; decisions: string };
  deliverables: { published: number; inProgress: number; total: number };
  freshness: { overdue: number; dueSoon: number; total: number };
  decisions: { total: number; accepted: number; proposed: number };
}
