// npm run bench:check [-- --pages 5000 --seed 1 --runs 3 --keep]
//
// Generates a synthetic knowledge base (bench/support/synthetic-kb.ts) of N
// documents in a temp dir and times `kb check` on it twice over: the whole
// CLI process (node start, tsx, reading, every rule, printing) and the
// in-process core (runCheck) alone. Prints the median of the runs and exits 1
// when the CLI figure misses the target (2 s for 5,000 documents).
//
// The build rules (scripts/check/build/) cache their results by content hash:
// the CLI is timed cold (`--no-cache`: every front matter block validated with
// Docusaurus's schemas, every Mermaid diagram parsed, every .mdx compiled) and
// warm (results cached by an earlier run: the everyday case, and the target).
// The synthetic pages are .md, so the MDX compile is timed apart: a sample of
// them compiled as .mdx with the site's processor.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCheck } from '../../scripts/check/check.ts';
import { analyzeMdx } from '../../scripts/check/build/mdx.ts';
import { loadCheckInput } from '../../scripts/check/load.ts';
import { generateSyntheticKb } from '../support/synthetic-kb.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET_MS = 2000;

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const pages = Number(values.pages);
const runs = Number(values.runs);
if (!Number.isInteger(pages) || pages < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('bench:check: --pages and --runs take a positive integer — e.g. --pages 5000');
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const clockTicks = 100;
/** CPU time (ms) of this process's reaped children, from /proc (cutime + cstime); 0 elsewhere. */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks;
  } catch {
    return 0;
  }
}
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function timeCli(
  root: string,
  extra: string[] = [],
): Promise<{ ms: number; cpuMs: number; code: number | null; tail: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = childrenCpuMs();
    const child = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, 'scripts/bin/kb.mjs'), 'check', '--root', root, '--json', ...extra],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ ms: performance.now() - started, cpuMs: childrenCpuMs() - cpuBefore, code, tail: out }),
    );
  });
}

const dir = await mkdtemp(path.join(tmpdir(), 'kb-bench-check-'));
try {
  process.stdout.write(`bench:check: generating ${pages} documents (seed ${values.seed}) in ${dir} … `);
  const kb = await generateSyntheticKb({ dir, pages, seed: Number(values.seed) });
  process.stdout.write(`${(kb.bytes / 1024 / 1024).toFixed(1)} MB\n`);

  const cold: number[] = [];
  const coldCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await timeCli(dir, ['--no-cache']);
    if (result.code !== 0 && result.code !== 1) throw new Error(`kb check --no-cache exited ${result.code}`);
    cold.push(result.ms);
    coldCpu.push(result.cpuMs);
  }
  // Prime the cache once (the cold work, stored), then time warm runs.
  await timeCli(dir);

  const cli: number[] = [];
  const cliCpu: number[] = [];
  let summary = '';
  for (let i = 0; i < runs; i++) {
    const result = await timeCli(dir);
    if (result.code !== 0 && result.code !== 1) throw new Error(`kb check exited ${result.code}`);
    cli.push(result.ms);
    cliCpu.push(result.cpuMs);
    const data = JSON.parse(result.tail) as { documents: number; errors: number; warnings: number };
    summary = `${data.documents} documents, ${data.errors} errors, ${data.warnings} warnings`;
  }

  const core: number[] = [];
  const coreCpu: number[] = [];
  const load: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await loadCheckInput(dir);
    load.push(performance.now() - t);
    t = performance.now();
    const c = ownCpuMs();
    await runCheck(dir, { now: new Date() });
    core.push(performance.now() - t);
    coreCpu.push(ownCpuMs() - c);
  }

  // MDX compile cost: a sample of the synthetic pages compiled as .mdx with the site's processor.
  const sample = kb.pages.slice(0, Math.min(200, kb.pages.length));
  const mdxStart = performance.now();
  const mdxCpu = ownCpuMs();
  let mdxErrors = 0;
  for (const doc of sample) {
    const text = readFileSync(path.join(dir, doc.file), 'utf8');
    const a = await analyzeMdx(text, path.join(dir, doc.file.replace(/\.md$/, '.mdx')), dir, {});
    if (a.error) mdxErrors++;
  }
  const mdxMs = performance.now() - mdxStart;
  const mdxCpuMs = ownCpuMs() - mdxCpu;

  const cliMs = median(cli);
  console.log(`  kb check found: ${summary}`);
  console.log(
    `  kb check (whole CLI process)   ${fmt(cliMs)} wall, ${fmt(median(cliCpu))} CPU  (warm cache; median of ${runs}; wall ${cli.map(fmt).join(', ')})`,
  );
  console.log(
    `  kb check --no-cache (cold)     ${fmt(median(cold))} wall, ${fmt(median(coldCpu))} CPU  (median of ${runs}; wall ${cold.map(fmt).join(', ')})`,
  );
  console.log(
    `  MDX compile (site processor)   ${(mdxMs / sample.length).toFixed(1)} ms wall, ${(mdxCpuMs / sample.length).toFixed(1)} ms CPU per page (${sample.length} pages as .mdx, first includes loading; ${mdxErrors} did not compile)`,
  );
  console.log(
    `  runCheck (in-process core)     ${fmt(median(core))} wall, ${fmt(median(coreCpu))} CPU  (median of ${runs}; wall ${core.map(fmt).join(', ')})`,
  );
  console.log(`    of which reading (load)      ${fmt(median(load))} wall`);
  const [load1] = loadavg();
  if (load1! > availableParallelism()) {
    console.log(
      `  note: load average ${load1!.toFixed(1)} on ${availableParallelism()} cores while measuring: wall times are inflated; the CPU times are the figure to compare`,
    );
  }
  console.log(`  target: CLI under ${fmt(TARGET_MS)} for ${pages} documents → ${cliMs < TARGET_MS ? 'met' : 'MISSED'}`);
  if (pages === 5000 && cliMs >= TARGET_MS) process.exitCode = 1;
} finally {
  if (values.keep) console.log(`  kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
