// Runs a command and measures its wall time and the peak memory of its whole
// process tree (sum of the resident set of every descendant, sampled from
// /proc), which is what the machine actually has to hold at once.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const PAGE_SIZE = 4096;

export interface Measurement {
  exitCode: number | null;
  wallMs: number;
  /** Highest sampled sum of RSS over the process tree, bytes. */
  peakTreeRss: number;
  /** user + system CPU time of the tree (GNU time), when /usr/bin/time exists. */
  cpuMs?: number;
  /** 1-minute load average when the command ended: wall times on a shared machine need it. */
  loadAverage: number;
}

const GNU_TIME = '/usr/bin/time';

async function processTable(): Promise<Map<number, { ppid: number; rss: number }>> {
  const table = new Map<number, { ppid: number; rss: number }>();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (pid) => {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
        if (!stat) return;
        // Fields after the command name, which may itself contain spaces or ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        table.set(Number(pid), { ppid: Number(fields[1]), rss: Number(fields[21]) * PAGE_SIZE });
      }),
  );
  return table;
}

export async function treeRss(rootPid: number): Promise<number> {
  const table = await processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += table.get(pid)?.rss ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export async function measureCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string; sampleMs?: number },
): Promise<Measurement> {
  const log = createWriteStream(options.logFile);
  // GNU time adds the CPU time of every waited-for descendant: a figure that,
  // unlike wall time, does not depend on what else the machine is doing.
  const timeDir = existsSync(GNU_TIME) ? await mkdtemp(path.join(tmpdir(), 'kb-time-')) : undefined;
  const timeFile = timeDir && path.join(timeDir, 'time.txt');
  const [file, argv] = timeFile ? [GNU_TIME, ['-o', timeFile, '-f', '%U %S', command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let peakTreeRss = 0;
  let sampling = false;
  const timer = setInterval(() => {
    if (sampling || child.pid === undefined) return;
    sampling = true;
    treeRss(child.pid)
      .then((rss) => {
        peakTreeRss = Math.max(peakTreeRss, rss);
      })
      .finally(() => {
        sampling = false;
      });
  }, options.sampleMs ?? 250);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const wallMs = performance.now() - started;
  clearInterval(timer);
  await new Promise<void>((resolve) => log.end(resolve));
  let cpuMs: number | undefined;
  if (timeFile) {
    const last = (await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').at(-1) ?? '';
    const [user, system] = last.split(' ').map(Number);
    if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user! + system!) * 1000;
    await rm(timeDir!, { recursive: true, force: true });
  }
  return { exitCode, wallMs, peakTreeRss, cpuMs, loadAverage: loadavg()[0] ?? 0 };
}
