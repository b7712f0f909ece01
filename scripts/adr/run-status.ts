import { writeFilesAtomic } from '../core/fs-atomic.ts';
import { withAdrLock } from './lock.ts';
import { listRecordFiles } from './numbering.ts';
import { adrDir, findRecord } from './records.ts';
import { assertSettable, type ChangePlan, type ChangeResult, planStatusChange, planSupersede } from './status.ts';

// The I/O edge of `kb adr status` and `kb adr supersede`: under the adr/ lock,
// read the records, plan (status.ts), write the plan in one all-or-nothing step.

export type { ChangeResult } from './status.ts';

async function apply(
  root: string,
  dryRun: boolean | undefined,
  plan: () => Promise<ChangePlan>,
): Promise<ChangeResult> {
  if (dryRun) return { ...(await plan()).result, dryRun: true };
  return withAdrLock(adrDir(root), async () => {
    const { result, writes } = await plan();
    await writeFilesAtomic(writes, { force: true, root });
    return result;
  });
}

/** `kb adr status N accepted|rejected|deprecated`. */
export async function setAdrStatus(root: string, number: number, to: string, options: { dryRun?: boolean } = {}) {
  assertSettable(number, to);
  return apply(root, options.dryRun, async () => planStatusChange(await findRecord(root, number), to));
}

/** `kb adr supersede OLD NEW`: both records are written, or neither. */
export async function supersedeAdr(
  root: string,
  oldNumber: number,
  newNumber: number,
  options: { dryRun?: boolean } = {},
) {
  return apply(root, options.dryRun, async () => {
    const files = await listRecordFiles(adrDir(root));
    return planSupersede(await findRecord(root, oldNumber, files), await findRecord(root, newNumber, files));
  });
}
