import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KbError } from './errors.ts';

export interface PlannedWrite {
  /** Absolute path. */
  path: string;
  content: string;
}

let tempCount = 0;

// Unique per process and call, and created with O_EXCL ('wx'), so it never
// needs node:crypto (whose loading costs `kb adr new` more than its write).
function tempPathFor(target: string): string {
  const tag = `${process.pid.toString(36)}${(tempCount++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return path.join(path.dirname(target), `.${path.basename(target)}.${tag}.tmp`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes every file or none. Content goes to temp files beside the targets
 * first; only when all are written are they renamed into place. If a rename
 * fails, the targets already replaced are restored from backups.
 * Without `force`, an existing target is an EXISTS error and nothing is written.
 * Files in `remove` (a renamed record's old name) are moved aside before the
 * renames and deleted only once every write is in place, else put back.
 */
export async function writeFilesAtomic(
  writes: readonly PlannedWrite[],
  options: { force?: boolean; root?: string; remove?: readonly string[] } = {},
): Promise<void> {
  const rel = (p: string) => (options.root ? path.relative(options.root, p) : p);
  if (!options.force) {
    for (const w of writes) {
      if (await exists(w.path)) {
        throw new KbError('EXISTS', 'file already exists', {
          file: rel(w.path),
          hint: 'pass --force to overwrite it',
        });
      }
    }
  }
  const staged: { target: string; temp: string; backup?: string }[] = [];
  const asides: { target: string; aside: string }[] = [];
  const putBack = () => Promise.all(asides.map((a) => fs.rename(a.aside, a.target).catch(() => undefined)));
  try {
    for (const w of writes) {
      await fs.mkdir(path.dirname(w.path), { recursive: true });
      const temp = tempPathFor(w.path);
      await fs.writeFile(temp, w.content, { flag: 'wx' });
      staged.push({ target: w.path, temp });
    }
    for (const s of staged) {
      if (await exists(s.target)) {
        s.backup = `${tempPathFor(s.target)}.bak`;
        await fs.copyFile(s.target, s.backup);
      }
    }
    for (const target of options.remove ?? []) {
      if (writes.some((w) => w.path === target)) continue;
      const aside = `${tempPathFor(target)}.del`;
      await fs.rename(target, aside);
      asides.push({ target, aside });
    }
  } catch (cause) {
    await putBack();
    await Promise.all(
      staged.flatMap((s) => [fs.rm(s.temp, { force: true }), s.backup ? fs.rm(s.backup, { force: true }) : null]),
    );
    throw new KbError('WRITE_FAILED', 'could not write files', {
      file: rel(writes[staged.length]?.path ?? writes[0]?.path ?? ''),
      hint: 'check the folder exists and is writable',
      cause,
    });
  }
  const done: typeof staged = [];
  try {
    for (const s of staged) {
      await fs.rename(s.temp, s.target);
      done.push(s);
    }
  } catch (cause) {
    for (const s of done) {
      if (s.backup) await fs.rename(s.backup, s.target).catch(() => undefined);
      else await fs.rm(s.target, { force: true });
    }
    await putBack();
    await Promise.all(staged.map((s) => fs.rm(s.temp, { force: true })));
    throw new KbError('WRITE_FAILED', 'could not write files; nothing was changed', {
      file: rel(staged[done.length]?.target ?? ''),
      hint: 'check the folder is writable and retry',
      cause,
    });
  } finally {
    await Promise.all(staged.map((s) => (s.backup ? fs.rm(s.backup, { force: true }) : null)));
  }
  await Promise.all(asides.map((a) => fs.rm(a.aside, { force: true })));
}

/** Creates a file only if it does not exist yet (O_EXCL); returns false when it does. */
export async function createExclusive(file: string, content: string): Promise<boolean> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
