import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KbError } from '../core/errors.ts';
import { createExclusive, writeFilesAtomic } from '../core/fs-atomic.ts';
import { layout } from '../core/project.ts';
import { type CreateAdrResult, type NewAdrRequest, planNewAdr, relatedNumbers } from './create.ts';
import { withAdrLock } from './lock.ts';
import { listRecordFiles } from './numbering.ts';
import type { AdrRecord } from './records.ts';
import { loadAdrTemplate } from './template.ts';

// The I/O edge of `kb adr new` (and `kb new adr`): read adr/, plan with
// planNewAdr (create.ts), write. Writing holds the adr/ lock from the read of
// the numbers to the exclusive create, so parallel runs never share a number.

export interface CreateAdrOptions extends NewAdrRequest {
  /** Project root (absolute). */
  root: string;
  /** Plan only: returns what would be written, writes nothing. */
  dryRun?: boolean;
}
export type { CreateAdrResult } from './create.ts';

async function plan(options: CreateAdrOptions, template: Awaited<ReturnType<typeof loadAdrTemplate>>) {
  const adrDir = path.join(options.root, layout.adr);
  const files = await listRecordFiles(adrDir);
  const numbers = relatedNumbers(options);
  const related = new Map<number, AdrRecord>();
  // Reading and validating other records (zod) is loaded only when needed.
  const records = numbers.length > 0 ? await import('./records.ts') : undefined;
  for (const n of numbers) related.set(n, await records!.findRecord(options.root, n, files));
  return planNewAdr(options, { adrDir, files, template, related, renderRecord: records?.renderRecord });
}

/** Creates `adr/NNNN-slug.md` (and edits superseded and linked records in the same all-or-nothing step). */
export async function createAdr(options: CreateAdrOptions): Promise<CreateAdrResult> {
  const template = await loadAdrTemplate(options.root);
  if (options.dryRun) return { ...(await plan(options, template)).result, dryRun: true };
  return withAdrLock(path.join(options.root, layout.adr), async () => {
    const { result, create, edits } = await plan(options, template);
    const taken = () =>
      new KbError('EXISTS', 'file already exists', {
        file: result.path,
        hint: 'retry: another tool wrote this number without the adr/ lock',
      });
    if (edits.length === 0) {
      if (!(await createExclusive(create.path, create.content))) throw taken();
      return result;
    }
    if (
      await fs.access(create.path).then(
        () => true,
        () => false,
      )
    )
      throw taken();
    await writeFilesAtomic([create, ...edits], { force: true, root: options.root });
    return result;
  });
}
