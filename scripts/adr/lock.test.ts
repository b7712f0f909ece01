import { spawnSync } from 'node:child_process';
import { mkdtempSync, promises as fs, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withAdrLock } from './lock.ts';

const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true }))));

/** A pid that no longer runs: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', 'process.pid'], { stdio: 'ignore' }).pid!;

function lockedDir(pid: number, ageMs: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-lock-'));
  dirs.push(dir);
  const lock = path.join(dir, '.kb-adr.lock');
  writeFileSync(lock, `${pid}\n`);
  const t = (Date.now() - ageMs) / 1000;
  utimesSync(lock, t, t);
  return dir;
}

describe('withAdrLock', () => {
  it('never takes a fresh lock away, even when the pid in it has exited', async () => {
    // A holder that released and exited while the next one already holds a
    // fresh lock: removing it let two kb adr new pick the same number.
    const dir = lockedDir(deadPid(), 0);
    await expect(withAdrLock(dir, async () => 'ran', { timeoutMs: 300, deadGraceMs: 5_000 })).rejects.toMatchObject({
      code: 'WRITE_FAILED',
    });
    expect(await fs.readFile(path.join(dir, '.kb-adr.lock'), 'utf8')).toMatch(/^\d+\n$/);
  });

  it('takes over a dead holder’s lock once it is older than the grace, and a live holder’s only when stale', async () => {
    expect(await withAdrLock(lockedDir(deadPid(), 2_000), async () => 'ran', { deadGraceMs: 1_000 })).toBe('ran');
    const live = lockedDir(process.pid, 2_000);
    await expect(withAdrLock(live, async () => 'ran', { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'WRITE_FAILED',
    });
    expect(await withAdrLock(lockedDir(process.pid, 60_000), async () => 'ran')).toBe('ran');
  });
});
