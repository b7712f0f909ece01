import { KbError } from '../core/errors.ts';
import type { PlannedWrite } from '../core/fs-atomic.ts';
import { assertTransition } from './lifecycle.ts';
import { type AdrRecord, renderRecord } from './records.ts';
import type { AdrStatus } from './schema.ts';

// Planning status changes: records in, the files to write out. No lock, no
// read, no write: run-status.ts does those around these functions.

export type SettableStatus = Extract<AdrStatus, 'accepted' | 'rejected' | 'deprecated'>;
export const settableStatuses = ['accepted', 'rejected', 'deprecated'] as const satisfies readonly SettableStatus[];

export interface ChangeResult {
  updated: { number: number; path: string; from: AdrStatus; to: AdrStatus }[];
  dryRun: boolean;
}

export interface ChangePlan {
  result: ChangeResult;
  /** Every record to rewrite, written all or none. */
  writes: PlannedWrite[];
}

/** Checks `to` before anything is read: `superseded` needs a successor, others must be settable. */
export function assertSettable(number: number, to: string): asserts to is SettableStatus {
  if (to === 'superseded') {
    throw new KbError('USAGE', 'a record becomes superseded only by naming its successor', {
      hint: `run kb adr supersede ${number} NEW`,
    });
  }
  if (!(settableStatuses as readonly string[]).includes(to)) {
    throw new KbError('BAD_ARGUMENT', `unknown status "${to}"`, { hint: `use one of ${settableStatuses.join(', ')}` });
  }
}

/** `kb adr status N to`: one record, lifecycle enforced. */
export function planStatusChange(record: AdrRecord, to: string): ChangePlan {
  assertSettable(record.number, to);
  const from = record.frontMatter.status;
  assertTransition(record.number, from, to, record.rel);
  return {
    writes: [{ path: record.file, content: renderRecord(record, { ...record.frontMatter, status: to }) }],
    result: { updated: [{ number: record.number, path: record.rel, from, to }], dryRun: false },
  };
}

/** `kb adr supersede OLD NEW`: both records change together, or the plan throws. */
export function planSupersede(older: AdrRecord, newer: AdrRecord): ChangePlan {
  if (older.number === newer.number) {
    throw new KbError('BAD_ARGUMENT', `ADR ${older.number} cannot supersede itself`, {
      hint: 'name the old record first, then the new one',
    });
  }
  assertTransition(older.number, older.frontMatter.status, 'superseded', older.rel);
  const { status } = newer.frontMatter;
  if (status === 'rejected' || status === 'superseded' || status === 'deprecated') {
    throw new KbError('ILLEGAL_TRANSITION', `ADR ${newer.number} is ${status}; it cannot supersede another record`, {
      file: newer.rel,
      field: 'status',
      hint: 'supersede with a proposed or accepted record',
    });
  }
  const oldFm = { ...older.frontMatter, status: 'superseded' as const, 'superseded-by': newer.number };
  const newFm = { ...newer.frontMatter, supersedes: [...new Set([...newer.frontMatter.supersedes, older.number])] };
  return {
    writes: [
      { path: older.file, content: renderRecord(older, oldFm) },
      { path: newer.file, content: renderRecord(newer, newFm) },
    ],
    result: {
      updated: [
        { number: older.number, path: older.rel, from: older.frontMatter.status, to: 'superseded' },
        { number: newer.number, path: newer.rel, from: status, to: status },
      ],
      dryRun: false,
    },
  };
}
