// npm run bench:history [-- --suites 20 --runs 500 --ingests 7 --pairs 1 --seed 1 --skip-build --keep --reuse DIR]
//
// A knowledge base with a long benchmark history (bench/history/generate.ts:
// suites × runs stored runs shaped like k6, hyperfine and Locust output, each
// with its own report page), then:
//  - `kb ingest` of one more run, several times: p50 wall and CPU time, and the
//    files written (seen on disk: every file under benchmarks/ and reports/
//    whose mtime moved);
//  - `npm run build` (docusaurus build + deploy/run-prepare.ts) in a copy of
//    the project with those runs and in one without, cold (no persistent
//    bundler cache) and into a new output folder, as a CI job: the ratio;
//  - the largest built page, and whether a suite's history page shows its
//    trend with every point reaching a built run page;
//  - the file work alone that the runs bring (read every run and run page
//    file, write as many files), next to what the 1.3× target leaves.
// Targets (issue 14): ingest p50 ≤ 300 ms and ≤ 3 files; build ≤ 1.3×; no page over 500 KB.
import { execFileSync } from 'node:child_process';
import { promises as fs, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { renderViewsInThread } from '../../src/plugins/benchmark-views/views-thread.ts';
import { writeInThreads } from '../../src/plugins/write-in-threads.ts';
import { loadSloTargets } from '../../scripts/report/slo-targets.ts';
import { measureCommand, type Measurement } from '../support/measure.ts';
import { generateHistory } from './generate.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET_INGEST_MS = 300;
const TARGET_FILES = 3;
const TARGET_BUILD_RATIO = 1.3;
const TARGET_PAGE_BYTES = 500 * 1024;

const { values } = parseArgs({
  options: {
    suites: { type: 'string', default: '20' },
    runs: { type: 'string', default: '500' },
    ingests: { type: 'string', default: '7' },
    // Pairs of builds (without, then with the runs): each pair gives a ratio, the median is judged. On a
    // noisy machine one pair's ratio moved between 1.38× and 1.71× for the same commit.
    pairs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    'skip-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    // Reuse the work folder of a kept run (--keep) instead of generating again.
    reuse: { type: 'string' },
  },
});
const suites = Number(values.suites);
const runs = Number(values.runs);
const ingests = Number(values.ingests);
const pairs = Number(values.pairs);
if (![suites, runs, ingests, pairs].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error(
    'bench:history: --suites, --runs, --ingests and --pairs take a positive integer — e.g. --suites 20 --runs 500',
  );
  process.exit(2);
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The project's files (no node_modules, build output or .git, nor the folders in `exclude`) copied into `dir`. */
function copyProjectFiles(dir: string, exclude: string[] = []): void {
  const excludes = ['node_modules', 'build', '.docusaurus', '.git', ...exclude].map((d) => `--exclude=./${d}`);
  execFileSync('bash', ['-c', `tar -C "$0" ${excludes.join(' ')} -cf - . | tar -C "$1" -xf -`, PROJECT_ROOT, dir]);
}

/** A copy of the project, with node_modules linked. */
async function copyProject(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  copyProjectFiles(dir);
  await fs.symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
}

/**
 * A reused knowledge base's project files (code, config, content) made those of this checkout again: its
 * stored runs and run pages stay. The copy without the runs is made afresh each run, so without this the two
 * builds of a pair ran different code after any change since the knowledge base was generated.
 */
function refreshProject(dir: string): void {
  copyProjectFiles(dir, ['benchmarks', 'reports/runs']);
}

async function filesUnder(root: string, dirs: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const d of dirs) {
    const entries = await fs.readdir(path.join(root, d), { withFileTypes: true, recursive: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isFile()) continue;
      const abs = path.join(e.parentPath, e.name);
      out.set(path.relative(root, abs), (await fs.stat(abs)).mtimeMs);
    }
  }
  return out;
}

/**
 * One more Locust run of a Locust suite: the 1x fixture with one count changed (`tag + i`), so every input is
 * new, and its clock moved to `at` (seconds), as a CI job's run is at a time of its own. With the fixture's
 * time kept, every bench run added runs to the same second, and an ingest reads every run of its own second
 * (store.ts loadRunTail): the bench KB had 103 of them after a day of reuse, 29 ms of each ingest.
 */
async function locustInput(dir: string, i: number, tag: number, at: number): Promise<string[]> {
  const fixture = path.join(PROJECT_ROOT, 'fixtures/bench-local');
  const parts: string[] = [];
  for (const p of ['stats', 'stats_history', 'failures']) {
    let text = await fs.readFile(path.join(fixture, `locust-1x_${p}.csv`), 'utf8');
    if (p === 'stats') text = text.replace(',390,', `,${tag + i},`);
    if (p === 'stats_history') {
      const first = Number(/^(\d+),/m.exec(text)?.[1]);
      text = text.replace(/^(\d+),/gm, (_, ts: string) => `${Number(ts) - first + at},`);
    }
    const file = path.join(dir, `extra${i}_${p}.csv`);
    await fs.writeFile(file, text);
    parts.push(file);
  }
  return parts;
}

async function measureIngests(
  root: string,
  work: string,
): Promise<{ wall: number[]; cpu: number[]; files: number[]; nodeStart: number[] }> {
  // The project's own kb (its bundle cache is warm), run on the generated knowledge base.
  const kb = path.join(PROJECT_ROOT, 'scripts/bin/kb.mjs');
  const suite = 'hist-locust-02';
  const result = { wall: [] as number[], cpu: [] as number[], files: [] as number[], nodeStart: [] as number[] };
  // Different counts on every bench run, so a reused knowledge base never sees an input twice.
  const tag = 1000 + (Date.now() % 1_000_000) * 10;
  // The first kb call of a checkout compiles its cached bundle, and the first `kb ingest` writes the code cache
  // of the ingest command (scripts/bin/load-main.mjs): one ingest first, not measured, as a CI runner that
  // keeps node_modules/.cache between jobs would have had.
  // One run a minute from now, the warm-up first.
  const now = Math.floor(Date.now() / 1000);
  const warmup = await locustInput(work, ingests, tag, now);
  execFileSync(process.execPath, [kb, 'ingest', ...warmup, '--suite', suite, '--label', '1x', '--root', root], {
    cwd: root,
    stdio: 'ignore',
  });
  for (let i = 0; i < ingests; i++) {
    const input = await locustInput(work, i, tag, now + 60 * (i + 1));
    const before = await filesUnder(root, ['benchmarks', 'reports', 'docs']);
    const m: Measurement = await measureCommand(
      process.execPath,
      [kb, 'ingest', ...input, '--suite', suite, '--label', '1x', '--root', root],
      { cwd: root, logFile: path.join(work, `ingest-${i}.log`) },
    );
    if (m.exitCode !== 0) throw new Error(`kb ingest failed: see ${path.join(work, `ingest-${i}.log`)}`);
    const after = await filesUnder(root, ['benchmarks', 'reports', 'docs']);
    const written = [...after].filter(([f, t]) => before.get(f) !== t).length;
    result.wall.push(m.wallMs);
    if (m.cpuMs !== undefined) result.cpu.push(m.cpuMs);
    result.files.push(written);
    // The floor of every ingest on this machine: node starting and doing nothing, measured the same way.
    const idle = await measureCommand(process.execPath, ['-e', '0'], {
      cwd: root,
      logFile: path.join(work, 'node.log'),
    });
    result.nodeStart.push(idle.wallMs);
    console.log(
      `  ingest ${i + 1}/${ingests}: ${m.wallMs.toFixed(0)} ms wall, ${m.cpuMs === undefined ? 'n/a' : m.cpuMs.toFixed(0)} ms CPU, ${written} files written`,
    );
  }
  return result;
}

/**
 * `npm run build` in the knowledge base's own folder (a copy made for this bench): `docusaurus build`, then
 * deploy/run-prepare.ts. Not scripts/dev/build-copy.sh: it copies the project first, and copying 30,000
 * files of stored runs and run pages is no part of a team's build (it made the ratio 20 s worse).
 */
async function build(root: string, out: string, label: string): Promise<Measurement> {
  process.stdout.write(`  building ${label} … `);
  await fs.rm(path.join(root, '.docusaurus'), { recursive: true, force: true });
  // Into an output folder that never existed, as a CI job builds: see removeOutputs.
  if (await fs.stat(out).catch(() => null))
    throw new Error(`bench:history: ${out} exists — builds go into new folders`);
  // The earlier build's writes (725 MB for the one with the runs) are flushed to disk first, so writing them
  // back does not land in this build's time; each build pays for its own, as on a CI runner.
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No `sync` here: the builds share the writeback, as before.
  }
  const m = await measureCommand(
    'bash',
    ['-c', 'npx docusaurus build --out-dir "$1" && npx tsx deploy/run-prepare.ts "$1"', 'build', out],
    {
      cwd: root,
      logFile: `${out}.log`,
      env: { DOCUSAURUS_NO_PERSISTENT_CACHE: '1', NODE_ENV: 'production' },
    },
  );
  if (m.exitCode !== 0) throw new Error(`${label} build failed (exit ${m.exitCode}): see ${out}.log`);
  console.log(
    `${s(m.wallMs)} wall, ${m.cpuMs === undefined ? 'n/a' : s(m.cpuMs)} CPU, load ${m.loadAverage.toFixed(1)}`,
  );
  return m;
}

/** The folders a run leaves in its work folder besides the knowledge base (its outputs and scratch). */
const OUTPUTS = /^(out-(bare|history)(-\d+)?|io-floor|fs-probe(-\d+)?|kb-bare)(\.log)?$/;

/**
 * Removes what an earlier run left in the work folder; returns how many files went. Every build writes into a
 * folder that never existed and the outputs go only when the run is done, because on this machine's file
 * system (ext4 without a journal) creating a file where many were just deleted is slow: the allocator skips
 * inodes freed in the last 60 s or so (ext4's recently_deleted(), 60-70 % of the kernel time in `perf
 * record`), and a file cost 0.8-1 ms of kernel time 35 s after deleting a 21,000-file build, 25 µs once that
 * passed. Deleting the previous pair's output before each pair, as this bench did, put every build with the
 * runs (21,000 files) into that window: a CI job, building a fresh clone, never is.
 */
async function removeOutputs(work: string, keep: (name: string) => boolean = () => false): Promise<number> {
  let files = 0;
  for (const name of await fs.readdir(work).catch(() => [] as string[])) {
    if (!OUTPUTS.test(name) || keep(name)) continue;
    const abs = path.join(work, name);
    const stat = await fs.stat(abs);
    files += stat.isDirectory()
      ? (await fs.readdir(abs, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length
      : 1;
    await fs.rm(abs, { recursive: true, force: true });
  }
  return files;
}

/**
 * The kernel time of creating one empty file in a new folder of the work folder, in µs: an indication of the
 * state of the disk (see removeOutputs), not a measure of the builds' folders, which may land in other block
 * groups of the file system.
 */
function probeFileCreation(dir: string, count = 1000): number {
  mkdirSync(dir, { recursive: true });
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `f${i}`), '');
  return process.cpuUsage(before).system / count;
}

/** File creation at or below this (µs of kernel time) is this disk's normal: 18–34 µs measured, 600–1,000 after mass deletions. */
const SETTLED_US = 150;
/** ext4 without a journal skips an inode for 60 s after its deletion, 300 s while its inode table block is dirty. */
const SETTLE_LIMIT_S = 330;
const SETTLE_STEP_S = 15;

/** Probes made so far: each writes into a folder of its own (files written over would cost no new inode). */
let probes = 0;

/**
 * Waits until creating a file in the work folder costs what it normally does, so the builds measure the build
 * and not deletions made just before by other processes (CI cleaning /tmp, an earlier bench). The cost comes from
 * ext4's recently_deleted(), which only file systems without a journal run (fs/ext4/ialloc.c, find_inode_bit):
 * this machine's root has none; a CI runner's journaled disk never pays it. Probes every 15 s into a new folder
 * (the files stay until the run ends: deleting them would start the window again); gives up after 330 s and
 * says so. Returns the last probe and the seconds waited.
 */
async function settleFileSystem(work: string, atLeastS = 0): Promise<{ us: number; waited: number }> {
  let waited = 0;
  // A probe can come in fast right after mass deletions (its 1,000 inodes found in an untouched block group)
  // while the next files pay: one did, after 86,240 deletions, and file creation measured 101 µs just after.
  for (; waited < atLeastS; waited += SETTLE_STEP_S) await sleep(SETTLE_STEP_S * 1000);
  let us = probeFileCreation(path.join(work, `fs-probe-${probes++}`));
  while (us > SETTLED_US && waited < SETTLE_LIMIT_S) {
    await sleep(SETTLE_STEP_S * 1000);
    waited += SETTLE_STEP_S;
    us = probeFileCreation(path.join(work, `fs-probe-${probes++}`));
  }
  return { us, waited };
}

/** A settleFileSystem result as the report's line before the measurements it was made for. */
function describeProbe(probe: { us: number; waited: number }, what: string): string {
  return (
    `  creating a file here costs ${probe.us.toFixed(0)} µs of kernel time (1,000 empty files)` +
    (probe.waited === 0
      ? ''
      : probe.us <= SETTLED_US
        ? `, after waiting ${probe.waited} s for files deleted nearby to stop costing (settleFileSystem)`
        : ` — still over ${SETTLED_US} µs after ${probe.waited} s: the ${what} below pay for files deleted nearby`)
  );
}

/**
 * The file work alone that 10,000 stored runs bring to a build, with nothing else done: read every run JSON
 * and every run page file (its HTML and Markdown), write as many files. On a slow disk this floor is most
 * of the budget the 1.3× target leaves; printed next to the ratio so the two can be compared in one run.
 */
async function ioFloor(root: string, scratch: string): Promise<{ runs: number; files: number; ms: number }> {
  const benchmarks = path.join(root, 'benchmarks');
  const pagesDir = path.join(root, 'reports/runs');
  const runs = (await fs.readdir(benchmarks)).filter((n) => n.endsWith('.json'));
  const pages = await fs.readdir(pagesDir);
  await fs.rm(scratch, { recursive: true, force: true });
  await fs.mkdir(scratch, { recursive: true });
  const started = performance.now();
  // As the build does: stored runs read one after another, synchronously (store.ts); each run page's
  // article read and written again from two threads (run-pages.ts), each Markdown file read here and
  // written from two threads (ai-readable): src/plugins/write-in-threads.ts.
  for (const n of runs) JSON.parse(readFileSync(path.join(benchmarks, n), 'utf8'));
  await writeInThreads(
    pages.map((n) => ({
      file: path.join(scratch, n),
      parts: n.endsWith('.html')
        ? [{ article: path.join(pagesDir, n), url: `/reports/runs/${n.slice(0, -'.html'.length)}` }]
        : [readFileSync(path.join(pagesDir, n), 'utf8')],
    })),
  );
  const ms = performance.now() - started;
  await fs.rm(scratch, { recursive: true, force: true });
  return { runs: runs.length, files: pages.length, ms };
}

async function largestPages(out: string): Promise<{ file: string; bytes: number }[]> {
  const pages: { file: string; bytes: number }[] = [];
  for (const e of await fs.readdir(out, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const abs = path.join(e.parentPath, e.name);
    pages.push({ file: path.relative(out, abs), bytes: (await fs.stat(abs)).size });
  }
  return pages.sort((a, b) => b.bytes - a.bytes);
}

/** The history page of a suite: its chart points' links, and how many reach a built page. */
async function checkHistory(out: string, suite: string) {
  const html = await fs.readFile(path.join(out, `reports/${suite}-history.html`), 'utf8');
  // Attribute values may be quoted or not (a minified page drops quotes; history bodies are put in after the minifier).
  const links = [...html.matchAll(/<a href="?([^"\s>]+)"? class="?kb-chart-point"?/g)].map((m) => m[1]!);
  const unique = [...new Set(links)];
  let reached = 0;
  for (const l of unique)
    if (await fs.stat(path.join(out, `${l.replace(/^\//, '')}.html`)).catch(() => null)) reached++;
  return { points: links.length, runsLinked: unique.length, reached, bytes: Buffer.byteLength(html) };
}

async function main(): Promise<void> {
  const work = values.reuse ?? (await fs.mkdtemp(path.join(tmpdir(), 'kb-bench-history-')));
  const keep = values.keep || values.reuse !== undefined;
  try {
    console.log(`bench:history — ${suites} suites × ${runs} runs (seed ${values.seed}) in ${work}`);
    const withRuns = path.join(work, 'kb-history');
    const leftovers = await removeOutputs(work);
    if (leftovers > 1000) {
      // See removeOutputs: files created in the next minutes would pay for these deletions; 60 s is ext4's window.
      const settled = await settleFileSystem(work, 60);
      console.log(
        `  removed ${leftovers} files an earlier run left; waited ${settled.waited} s for the file system to settle`,
      );
    }
    if (values.reuse) {
      refreshProject(withRuns);
      console.log("  reusing the generated knowledge base (its stored runs), with this checkout's code");
    } else {
      await copyProject(withRuns);
      const { config } = await loadSloTargets(withRuns);
      const t0 = performance.now();
      const generated = await generateHistory(withRuns, PROJECT_ROOT, config, {
        suites,
        runs,
        seed: Number(values.seed),
        pages: true,
      });
      console.log(
        `  generated ${generated.runs} stored runs and ${generated.pages} run pages in ${s(performance.now() - t0)}`,
      );
    }
    // Each ingest creates three files: measured, like the builds, once creating a file costs what it normally does.
    console.log(describeProbe(await settleFileSystem(work), 'ingests'));
    const ing = await measureIngests(withRuns, work);
    const p50 = median(ing.wall);
    const cpu50 = ing.cpu.length ? median(ing.cpu) : undefined;
    const maxFiles = Math.max(...ing.files);
    console.log('');
    console.log(
      `ingest of one more run (${ingests}×, suite of ${runs} runs, ${suites * runs} stored): p50 ${p50.toFixed(0)} ms wall` +
        `${cpu50 === undefined ? '' : `, ${cpu50.toFixed(0)} ms CPU`} (target ≤ ${TARGET_INGEST_MS} ms) — ${p50 <= TARGET_INGEST_MS ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `  of which node's own start (\`node -e 0\`, measured after each ingest): p50 ${median(ing.nodeStart).toFixed(0)} ms`,
    );
    console.log(
      `files written per ingest: max ${maxFiles} (target ≤ ${TARGET_FILES}) — ${maxFiles <= TARGET_FILES ? 'PASS' : 'FAIL'}`,
    );
    if (values['skip-build']) return;
    const bare = path.join(work, 'kb-bare');
    await copyProject(bare);
    // Each checkout's cached bundle of the benchmark views, with its code cache, before any build is timed: a
    // checkout's first build makes it (esbuild, seconds), and only the copy without the runs was new here, so
    // that cost fell on the first pair's build without the runs alone (1.08× against 1.21–1.48× for the other
    // pairs of that run). A CI runner that keeps node_modules/.cache between jobs has it too.
    await Promise.all([renderViewsInThread(bare), renderViewsInThread(withRuns)]);
    console.log(describeProbe(await settleFileSystem(work), 'builds'));
    const ratios: { wall: number; cpu?: number; bareMs: number }[] = [];
    let outRuns = '';
    for (let i = 0; i < pairs; i++) {
      if (pairs > 1) console.log(`  pair ${i + 1}/${pairs}`);
      // New folders for every build, removed when the run is done (removeOutputs).
      outRuns = path.join(work, `out-history-${i + 1}`);
      const a = await build(bare, path.join(work, `out-bare-${i + 1}`), 'without the runs');
      const b = await build(withRuns, outRuns, `with ${suites * runs} runs`);
      ratios.push({
        wall: b.wallMs / a.wallMs,
        cpu: a.cpuMs && b.cpuMs ? b.cpuMs / a.cpuMs : undefined,
        bareMs: a.wallMs,
      });
    }
    const ratio = median(ratios.map((r) => r.wall));
    const cpus = ratios.flatMap((r) => (r.cpu === undefined ? [] : [r.cpu]));
    const cpuRatio = cpus.length ? median(cpus) : undefined;
    const bareMs = median(ratios.map((r) => r.bareMs));
    const floor = await ioFloor(withRuns, path.join(work, 'io-floor'));
    const pages = await largestPages(outRuns);
    const over = pages.filter((p) => p.bytes > TARGET_PAGE_BYTES);
    const history = await checkHistory(outRuns, 'hist-k6-00');
    console.log('');
    const each =
      pairs > 1 ? ` (median of ${pairs} pairs: ${ratios.map((r) => `${r.wall.toFixed(2)}×`).join(', ')})` : '';
    console.log(
      `build with the runs / without: ${ratio.toFixed(2)}× wall${cpuRatio ? `, ${cpuRatio.toFixed(2)}× CPU` : ''}${each} (target ≤ ${TARGET_BUILD_RATIO}×) — ${ratio <= TARGET_BUILD_RATIO ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `  file work alone (read ${floor.runs} run JSONs and ${floor.files} run page files, write ${floor.files}): ${s(floor.ms)}; the target leaves ${s((TARGET_BUILD_RATIO - 1) * bareMs)} over the build without runs`,
    );
    console.log(
      `largest page: ${pages[0]?.file} ${((pages[0]?.bytes ?? 0) / 1024).toFixed(0)} KB; ${over.length} page(s) over 500 KB — ${over.length === 0 ? 'PASS' : 'FAIL'}`,
    );
    for (const p of over.slice(0, 5)) console.log(`  ${p.file} ${(p.bytes / 1024).toFixed(0)} KB`);
    console.log(
      `history page reports/hist-k6-00-history: ${(history.bytes / 1024).toFixed(0)} KB, ${history.points} chart points linking ${history.runsLinked} runs, ${history.reached} of them reach a built run page — ${history.points > 0 && history.reached === history.runsLinked ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    // A reused knowledge base stays; the builds go (the next run's builds would pay for deleting them
    // then: removeOutputs), all but the last pair's with --keep.
    const lastPair = new RegExp(`-${pairs}(\\.log)?$`);
    if (keep) await removeOutputs(work, (name) => values.keep === true && (name === 'kb-bare' || lastPair.test(name)));
    if (keep) console.log(`kept ${work}`);
    else await fs.rm(work, { recursive: true, force: true });
  }
}

await main();
