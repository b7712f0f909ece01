import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KbError } from '../core/errors.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` while holding `adr/.kb-adr.lock`, created with O_EXCL so only one
 * process at a time picks a number and writes its record. A lock left by a
 * dead process (or older than `staleMs`) is taken over. Waits with jittered
 * back-off, never spins.
 */
export async function withAdrLock<T>(
  dir: string,
  fn: () => Promise<T>,
  options: { timeoutMs?: number; staleMs?: number; deadGraceMs?: number } = {},
): Promise<T> {
  const lock = path.join(dir, '.kb-adr.lock');
  const timeoutMs = options.timeoutMs ?? 20_000;
  const staleMs = options.staleMs ?? 30_000;
  // A holder that exits right after releasing leaves its pid dead while the
  // next holder's fresh lock is already in place: a dead pid counts only on
  // a lock at least this old, so a waiter never removes a live lock.
  const deadGraceMs = options.deadGraceMs ?? 1_000;
  const started = Date.now();
  await fs.mkdir(dir, { recursive: true });
  let delay = 5;
  for (;;) {
    try {
      await fs.writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const stat = await fs.stat(lock).catch(() => undefined);
    const holder = await fs.readFile(lock, 'utf8').catch(() => '');
    const pid = Number.parseInt(holder, 10);
    const age = stat === undefined ? 0 : Date.now() - stat.mtimeMs;
    const stale = age > staleMs || (age > deadGraceMs && Number.isInteger(pid) && pid > 0 && !isAlive(pid));
    if (stale && stat !== undefined) {
      // Take the stale file away atomically, then make sure it was the one judged.
      const taken = `${lock}.${process.pid}.stale`;
      if (
        await fs.rename(lock, taken).then(
          () => true,
          () => false,
        )
      ) {
        const moved = await fs.stat(taken).catch(() => undefined);
        if (moved && moved.ino !== stat.ino) await fs.link(taken, lock).catch(() => undefined);
        await fs.rm(taken, { force: true });
      }
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new KbError(
        'WRITE_FAILED',
        `another kb adr command holds ${path.basename(lock)} (pid ${holder.trim() || '?'})`,
        {
          file: path.join(path.basename(dir), path.basename(lock)),
          hint: 'wait for it to finish, or delete the lock file if no kb command is running',
        },
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}
