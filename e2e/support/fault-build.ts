// Builds a copy of the site with extra files written into it (the fault
// corpus's pages), the way scripts/dev/build-copy.sh copies the tree, so
// several such builds run side by side without sharing .docusaurus/ or build/.
// Resolves with the exit code and the log instead of rejecting: a failing
// build is what the differential test wants to see.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './build-site.ts';

export interface FaultBuild {
  /** The copy of the site (with the files), kept until `dispose`. */
  siteDir: string;
  code: number | null;
  log: string;
  wallMs: number;
  /** CPU time of the build process tree (user + system), from /proc; 0 elsewhere. */
  cpuMs: number;
  dispose(): Promise<void>;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr.on('data', (c: Buffer) => (log += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, log }));
  });
}

/** CPU time (ms) of this process's reaped children. */
export function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/**
 * Copies the project (without node_modules, build output and .git; node_modules
 * linked), writes `files` into the copy and runs `docusaurus build` in it with
 * `env` (e.g. KB_CURRENT_ONLY=1).
 */
export async function buildWithFiles(files: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<FaultBuild> {
  const work = await mkdtemp(path.join(tmpdir(), 'kb-fault-build-'));
  const siteDir = path.join(work, 'site');
  await mkdir(siteDir);
  const copy = await run(
    'bash',
    [
      '-c',
      'tar -C "$1" --exclude=./node_modules --exclude=./build --exclude=./.docusaurus --exclude=./.git -cf - . | tar -C "$2" -xf -',
      'copy',
      PROJECT_ROOT,
      siteDir,
    ],
    PROJECT_ROOT,
    {},
  );
  if (copy.code !== 0) throw new Error(`copying the site failed: ${copy.log}`);
  await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(siteDir, 'node_modules'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(siteDir, rel)), { recursive: true });
    await writeFile(path.join(siteDir, rel), text);
  }
  const started = performance.now();
  const cpuBefore = childrenCpuMs();
  const { code, log } = await run(
    process.execPath,
    [
      path.join(PROJECT_ROOT, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'),
      'build',
      '--out-dir',
      path.join(work, 'out'),
    ],
    siteDir,
    { ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
  );
  return {
    siteDir,
    code,
    log,
    wallMs: performance.now() - started,
    cpuMs: childrenCpuMs() - cpuBefore,
    dispose: () => rm(work, { recursive: true, force: true }),
  };
}
