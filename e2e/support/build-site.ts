// Builds the production site through scripts/dev/build-copy.sh: a copy of the
// tree in a temp folder, so a test or bench build never shares .docusaurus/ or
// build/ with anyone else working in the same checkout.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuildResult {
  outDir: string;
  logFile: string;
  wallMs: number;
}

/**
 * Runs `scripts/dev/build-copy.sh outDir ...flags`, writing its output to
 * `logFile`. Rejects with the log's last lines when the build fails.
 */
export async function buildSiteCopy(
  outDir: string,
  logFile: string,
  flags: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<BuildResult> {
  const started = performance.now();
  const log = createWriteStream(logFile);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(path.join(PROJECT_ROOT, 'scripts/dev/build-copy.sh'), [outDir, ...flags], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('error', reject);
    child.once('close', resolve);
  });
  await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) {
    const tail = (await readFile(logFile, 'utf8')).split('\n').slice(-40).join('\n');
    throw new Error(`site build failed (exit ${code}); full log: ${logFile}\n${tail}`);
  }
  return { outDir, logFile, wallMs: performance.now() - started };
}
