// npm run kb:measure [-- --skip build,pages,cli,check,ingest] [--dry-run] [--cli-runs 10]
//
// Re-measures the knowledge base's own suites with the project's own tools and
// ingests each result, so the SLO scorecard and the report pages show today's
// figures; the week 1 baseline runs stay in benchmarks/ as the dated record.
//   kb-build   production build of a copy of the tree (scripts/dev/build-copy.sh)
//   kb-site    Lighthouse (desktop) on the home page and a doc page of that build
//   kb-cli     `kb --help`, `kb kinds`, `kb adr list` (hyperfine-shaped result)
//   kb-check   `kb check` on the real knowledge base
//   kb-ingest  `kb ingest --dry-run` of a 50 MB k6 NDJSON file (MB/s)
// Raw tool output is kept in benchmarks/raw/ (it is what `kb ingest` reads);
// each run records the load average and the CPU time, since this machine is
// shared and wall times on it are inflated.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../e2e/support/browser.ts';
import { startNginx } from '../../deploy/nginx.ts';
import { generateK6Ndjson } from '../ingest/generate.ts';
import { measureCommand, type Measurement } from '../support/measure.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const KB = path.join(ROOT, 'scripts/bin/kb.mjs');

const { values } = parseArgs({
  options: {
    skip: { type: 'string', default: '' },
    'dry-run': { type: 'boolean', default: false },
    'cli-runs': { type: 'string', default: '10' },
  },
});
const skip = new Set(values.skip.split(',').filter(Boolean));
const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', 't');
const machine = `${cpus().length} vCPU (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.versions.node}`;
const loads: number[] = [];
const contention = () =>
  `load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${cpus().length} cores during the measurement (a machine shared with other engineers: wall times are inflated, CPU time is the steadier figure)`;

interface Timed {
  command: string;
  runs: Measurement[];
}

/** hyperfine's --export-json shape (seconds), so `kb ingest` reads it with the hyperfine adapter. */
function hyperfineJson(items: Timed[]): string {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const results = items.map(({ command, runs }) => {
    const times = runs.map((r) => r.wallMs / 1000);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const stddev =
      times.length > 1 ? Math.sqrt(times.reduce((a, t) => a + (t - mean) ** 2, 0) / (times.length - 1)) : null;
    const cpu = runs.map((r) => (r.cpuMs ?? 0) / 1000);
    return {
      command,
      mean,
      stddev,
      median: median(times),
      // CPU time of the whole process tree (GNU time): reported as user time, system time 0.
      user: cpu.reduce((a, b) => a + b, 0) / cpu.length,
      system: 0,
      min: Math.min(...times),
      max: Math.max(...times),
      times,
      exit_codes: runs.map((r) => r.exitCode ?? 1),
    };
  });
  return `${JSON.stringify({ results }, null, 2)}\n`;
}

async function time(command: string, args: string[], runs: number, logDir: string): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await measureCommand(command, args, { cwd: ROOT, logFile: path.join(logDir, `run-${i}.log`) });
    loads.push(m.loadAverage);
    if (m.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited ${m.exitCode} (log ${logDir})`);
    out.push(m);
  }
  return out;
}

async function ingest(file: string, suite: string, extra: string[] = [], env = ''): Promise<void> {
  const args = [KB, 'ingest', file, '--suite', suite, '--env', `machine=${machine};contention=${contention()}${env}`];
  if (values['dry-run']) args.push('--dry-run');
  const { stdout } = await run(process.execPath, [...args, ...extra], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  console.log(stdout.trim().replace(/^/gm, '  '));
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'kb-measure-'));
  const raw = path.join(ROOT, 'benchmarks/raw');
  await mkdir(raw, { recursive: true });
  loads.push(loadavg()[0] ?? 0);
  const site = path.join(work, 'site');
  try {
    if (!skip.has('build') || !skip.has('pages')) {
      console.log(`kb-build: building a copy of the site into ${site} …`);
      const build = await time(path.join(ROOT, 'scripts/dev/build-copy.sh'), [site], 1, work);
      console.log(
        `  ${(build[0]!.wallMs / 1000).toFixed(1)} s wall, ${((build[0]!.cpuMs ?? 0) / 1000).toFixed(1)} s CPU, load ${build[0]!.loadAverage.toFixed(1)}`,
      );
      if (!skip.has('build')) {
        const file = path.join(raw, `kb-build-${stamp}.hyperfine.json`);
        await writeFile(file, hyperfineJson([{ command: 'scripts/dev/build-copy.sh OUT', runs: build }]));
        await ingest(
          file,
          'kb-build',
          [],
          ';command=scripts/dev/build-copy.sh (full production build of a copy of the tree)',
        );
      }
    }
    if (!skip.has('pages')) {
      const server = await startNginx({ root: site });
      try {
        for (const [label, url] of [
          ['home', '/'],
          ['docs', '/docs/plan/'],
        ] as const) {
          console.log(`kb-site ${label}: Lighthouse (desktop) on ${server.url}${url} …`);
          const file = path.join(raw, `kb-site-${stamp}-${label}.lighthouse.json`);
          await run(
            path.join(ROOT, 'node_modules/.bin/lighthouse'),
            [
              `${server.url}${url}`,
              `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
              '--only-categories=performance',
              '--output=json',
              `--output-path=${file}`,
              '--quiet',
              '--preset=desktop',
            ],
            { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
          );
          loads.push(loadavg()[0] ?? 0);
          // The full Lighthouse report is large; keep the audits the adapter reads.
          const lhr = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
          delete lhr.i18n;
          delete lhr.fullPageScreenshot;
          await writeFile(file, JSON.stringify(lhr));
          await ingest(file, 'kb-site', ['--label', label]);
        }
      } finally {
        await server.close();
      }
    }
    if (!skip.has('cli')) {
      const runs = Number(values['cli-runs']);
      console.log(`kb-cli: ${runs} runs each of kb --help, kb kinds, kb adr list …`);
      await time(process.execPath, [KB, '--help'], 1, work); // warm the bundle cache
      const items: Timed[] = [];
      for (const args of [['--help'], ['kinds'], ['adr', 'list']]) {
        items.push({
          command: `node scripts/bin/kb.mjs ${args.join(' ')}`,
          runs: await time(process.execPath, [KB, ...args], runs, work),
        });
      }
      const file = path.join(raw, `kb-cli-${stamp}.hyperfine.json`);
      await writeFile(file, hyperfineJson(items));
      await ingest(file, 'kb-cli');
    }
    if (!skip.has('check')) {
      console.log('kb-check: 3 runs of kb check on this knowledge base …');
      const file = path.join(raw, `kb-check-${stamp}.hyperfine.json`);
      await writeFile(
        file,
        hyperfineJson([
          { command: 'node scripts/bin/kb.mjs check', runs: await time(process.execPath, [KB, 'check'], 3, work) },
        ]),
      );
      await ingest(file, 'kb-check');
    }
    if (!skip.has('ingest')) {
      console.log('kb-ingest: kb ingest --dry-run of a 50 MB k6 NDJSON file …');
      const ndjson = path.join(work, 'k6.ndjson');
      const gen = generateK6Ndjson(ndjson, 50e6);
      const runs = await time(process.execPath, [KB, 'ingest', ndjson, '--suite', 'bench-probe', '--dry-run'], 3, work);
      const mbps = runs.map((r) => gen.bytes / 1e6 / (r.wallMs / 1000));
      const cpuMbps = runs.map((r) => gen.bytes / 1e6 / ((r.cpuMs ?? r.wallMs) / 1000));
      const best = (xs: number[]) => Math.max(...xs);
      const file = path.join(raw, `kb-ingest-${stamp}.json`);
      await writeFile(
        file,
        `${JSON.stringify(
          [
            { name: 'k6 NDJSON ingest throughput (wall)', unit: 'MB/s', value: Number(best(mbps).toFixed(1)) },
            {
              name: 'k6 NDJSON ingest throughput (per CPU second)',
              unit: 'MB/s',
              value: Number(best(cpuMbps).toFixed(1)),
            },
          ],
          null,
          2,
        )}\n`,
      );
      await ingest(
        file,
        'kb-ingest',
        ['--format', 'generic-bigger-is-better'],
        `;command=kb ingest --dry-run of ${(gen.bytes / 1e6).toFixed(0)} MB k6 NDJSON, best of 3`,
      );
    }
    console.log(`done; ${contention()}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
