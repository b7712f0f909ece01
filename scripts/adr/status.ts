import { KbError } from '../core/errors.ts';
import { writeFilesAtomic } from '../core/fs-atomic.ts';
import { assertTransition } from './lifecycle.ts';
import { withAdrLock } from './lock.ts';
import { listRecordFiles } from './numbering.ts';
import { adrDir, findRecord, renderRecord } from './records.ts';
import type { AdrStatus } from './schema.ts';

export type SettableStatus = Extract<AdrStatus, 'accepted' | 'rejected' | 'deprecated'>;
export const settableStatuses = ['accepted', 'rejected', 'deprecated'] as const satisfies readonly SettableStatus[];

export interface ChangeResult {
  updated: { number: number; path: string; from: AdrStatus; to: AdrStatus }[];
  dryRun: boolean;
}

/** `kb adr status N accepted|rejected|deprecated`: one record, lifecycle enforced. */
export async function setAdrStatus(
  root: string,
  number: number,
  to: string,
  options: { dryRun?: boolean } = {},
): Promise<ChangeResult> {
  if (to === 'superseded') {
    throw new KbError('USAGE', 'a record becomes superseded only by naming its successor', {
      hint: `run kb adr supersede ${number} NEW`,
    });
  }
  if (!(settableStatuses as readonly string[]).includes(to)) {
    throw new KbError('BAD_ARGUMENT', `unknown status "${to}"`, { hint: `use one of ${settableStatuses.join(', ')}` });
  }
  const run = async () => {
    const record = await findRecord(root, number);
    const from = record.frontMatter.status;
    assertTransition(number, from, to as SettableStatus, record.rel);
    const fm = { ...record.frontMatter, status: to as SettableStatus };
    if (!options.dryRun)
      await writeFilesAtomic([{ path: record.file, content: renderRecord(record, fm) }], { force: true, root });
    return { updated: [{ number, path: record.rel, from, to: to as AdrStatus }], dryRun: Boolean(options.dryRun) };
  };
  return options.dryRun ? run() : withAdrLock(adrDir(root), run);
}

/** `kb adr supersede OLD NEW`: both records change in one all-or-nothing write. */
export async function supersedeAdr(
  root: string,
  oldNumber: number,
  newNumber: number,
  options: { dryRun?: boolean } = {},
): Promise<ChangeResult> {
  if (oldNumber === newNumber) {
    throw new KbError('BAD_ARGUMENT', `ADR ${oldNumber} cannot supersede itself`, {
      hint: 'name the old record first, then the new one',
    });
  }
  const run = async () => {
    const files = await listRecordFiles(adrDir(root));
    const older = await findRecord(root, oldNumber, files);
    const newer = await findRecord(root, newNumber, files);
    assertTransition(oldNumber, older.frontMatter.status, 'superseded', older.rel);
    if (
      newer.frontMatter.status === 'rejected' ||
      newer.frontMatter.status === 'superseded' ||
      newer.frontMatter.status === 'deprecated'
    ) {
      throw new KbError(
        'ILLEGAL_TRANSITION',
        `ADR ${newNumber} is ${newer.frontMatter.status}; it cannot supersede another record`,
        {
          file: newer.rel,
          field: 'status',
          hint: 'supersede with a proposed or accepted record',
        },
      );
    }
    const oldFm = { ...older.frontMatter, status: 'superseded' as const, 'superseded-by': newNumber };
    const newFm = { ...newer.frontMatter, supersedes: [...new Set([...newer.frontMatter.supersedes, oldNumber])] };
    if (!options.dryRun) {
      await writeFilesAtomic(
        [
          { path: older.file, content: renderRecord(older, oldFm) },
          { path: newer.file, content: renderRecord(newer, newFm) },
        ],
        { force: true, root },
      );
    }
    return {
      updated: [
        { number: oldNumber, path: older.rel, from: older.frontMatter.status, to: 'superseded' as const },
        { number: newNumber, path: newer.rel, from: newer.frontMatter.status, to: newer.frontMatter.status },
      ],
      dryRun: Boolean(options.dryRun),
    };
  };
  return options.dryRun ? run() : withAdrLock(adrDir(root), run);
}
