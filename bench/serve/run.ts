// npm run bench:serve [-- --site DIR] [--tool auto|wrk|autocannon] [--duration 15] [--connections 64] [--runs 3] [--ingest]
//
// Serves the production build with Debian's nginx and deploy/nginx.conf on
// 127.0.0.1 (deploy/nginx.ts) and loads it with wrk (Debian's, when installed:
// `apt-get install wrk`; written in C, it leaves the cores to nginx) or
// autocannon (npm, always there, but it needs ~5× the CPU nginx does for the
// same requests, on the same cores) on a realistic mix
// (bench/serve/mix.ts: pages of every kind, hashed assets, Pagefind's index
// files, llms.txt, a Markdown mirror; Accept-Encoding br/gzip). Each run is
// bounded in time; the figures of every run are printed with the machine's
// load, and judged against the plan's targets (≥ 10,000 requests/s, p99 <
// 100 ms, no errors). --ingest stores the median run with `kb ingest` as the
// suite `kb-serve`, judged against slo-targets.yaml like any service.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startNginx } from '../../deploy/nginx.ts';
import { buildSiteCopy } from '../../e2e/support/build-site.ts';
import { readCutVersions } from '../../e2e/support/site-pages.ts';
import { buildMix, describeMix } from './mix.ts';
import { runWrk, WRK_BIN, type WrkFigures, wrkInstalled } from './wrk.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGETS = { rps: 10_000, p99Ms: 100, errors: 0 };

const { values } = parseArgs({
  options: {
    site: { type: 'string' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '64' },
    runs: { type: 'string', default: '3' },
    tool: { type: 'string', default: 'auto' },
    workers: { type: 'string', default: '1' },
    'nginx-workers': { type: 'string', default: 'auto' },
    ingest: { type: 'boolean', default: false },
    label: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const positive = (name: string, raw: string, max: number): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`bench:serve: --${name} takes a whole number from 1 to ${max} (got "${raw}")`);
    process.exit(2);
  }
  return n;
};
const duration = positive('duration', values.duration, 120);
const connections = positive('connections', values.connections, 1000);
const runs = positive('runs', values.runs, 10);
const workers = positive('workers', values.workers, 8);
if (!['auto', 'wrk', 'autocannon'].includes(values.tool)) {
  console.error(`bench:serve: --tool takes auto, wrk or autocannon (got "${values.tool}")`);
  process.exit(2);
}
if (values.tool === 'wrk' && !wrkInstalled()) {
  console.error(`bench:serve: ${WRK_BIN} not found — apt-get install wrk, or use --tool autocannon`);
  process.exit(2);
}
const tool: 'wrk' | 'autocannon' =
  values.tool === 'auto' ? (wrkInstalled() ? 'wrk' : 'autocannon') : (values.tool as 'wrk');
const nginxWorkers =
  values['nginx-workers'] === 'auto' ? 'auto' : positive('nginx-workers', values['nginx-workers'], 16);

const TICKS_PER_S = 100;

/** CPU seconds (user + system) used so far by nginx: its master and every worker. */
async function nginxCpuSeconds(masterPid: number): Promise<number> {
  let ticks = 0;
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pid) !== masterPid && Number(fields[1]) !== masterPid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_S;
}

/** The figures of either load generator: wrk's (without its raw text), and the run's own. */
interface RunFigures extends Omit<WrkFigures, 'text' | 'clientCpuS'> {
  load: number;
  /** CPU seconds nginx and the load generator used during the run. */
  nginxCpuS: number;
  /** CPU seconds of the load generator (wrk: when GNU time is installed). */
  clientCpuS?: number;
  /** What `kb ingest` reads: autocannon's JSON or wrk's text report. */
  report: { file: string; text: string };
}

async function loadOnce(
  url: string,
  nginxPid: number,
  mix: Awaited<ReturnType<typeof buildMix>>,
  work: string,
): Promise<RunFigures> {
  const nginxBefore = await nginxCpuSeconds(nginxPid);
  if (tool === 'wrk') {
    const f = await runWrk({
      url,
      mix,
      scriptFile: path.join(work, 'mix.lua'),
      threads: workers > 1 ? workers : 2,
      connections,
      durationS: duration,
    });
    return {
      ...f,
      load: loadavg()[0] ?? 0,
      nginxCpuS: (await nginxCpuSeconds(nginxPid)) - nginxBefore,
      // The port changes every run: name the operation by what it is.
      report: { file: 'wrk.txt', text: f.text.replace(`@ ${url}/`, '@ site-mix') },
    };
  }
  const clientBefore = process.cpuUsage();
  const result = await autocannon({
    url,
    title: 'kb-serve site mix',
    connections,
    duration,
    workers: workers > 1 ? workers : undefined,
    requests: mix.map((r) => ({
      method: 'GET',
      path: r.path,
      headers: r.encoding === 'identity' ? {} : { 'accept-encoding': r.encoding },
    })),
  });
  const client = process.cpuUsage(clientBefore);
  return {
    nginxCpuS: (await nginxCpuSeconds(nginxPid)) - nginxBefore,
    clientCpuS: (client.user + client.system) / 1e6,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    mbPerS: result.throughput.average / 1024 / 1024,
    load: loadavg()[0] ?? 0,
    report: { file: 'autocannon.json', text: JSON.stringify({ ...result, url: 'site-mix' }, null, 2) },
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'kb-bench-serve-'));
  try {
    let siteDir: string;
    if (values.site) {
      siteDir = path.resolve(values.site);
    } else {
      siteDir = path.join(work, 'site');
      console.log(`building the site (copy) into ${siteDir} …`);
      const { wallMs } = await buildSiteCopy(siteDir, path.join(work, 'build.log'));
      console.log(`  built in ${(wallMs / 1000).toFixed(1)} s`);
    }
    const mix = await buildMix(siteDir, await readCutVersions(PROJECT_ROOT));
    const server = await startNginx({ root: siteDir, workers: nginxWorkers, accessLog: true });
    const nginxVersion = spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' }).stderr.trim();
    console.log(
      `${nginxVersion} (deploy/nginx.conf, ${nginxWorkers} workers, access log on) serves ${siteDir} at ${server.url}`,
    );
    console.log(`mix of ${mix.length} URLs: ${describeMix(mix)}`);
    console.log(
      `${tool}: ${connections} connections, ${tool === 'wrk' ? Math.max(workers, 2) : workers} thread(s), ${duration} s × ${runs} runs; ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), load before: ${loadavg()[0]?.toFixed(1)}`,
    );
    const figures: RunFigures[] = [];
    try {
      for (let i = 0; i < runs; i += 1) {
        const f = await loadOnce(server.url, server.pid, mix, work);
        figures.push(f);
        console.log(
          `  run ${i + 1}: ${Math.round(f.rps).toLocaleString('en')} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.errors} errors / ${f.requests.toLocaleString('en')} requests, ${f.mbPerS.toFixed(1)} MB/s; CPU: nginx ${f.nginxCpuS.toFixed(1)} s (${Math.round(f.requests / Math.max(f.nginxCpuS, 0.01)).toLocaleString('en')} req per nginx CPU-second), ${tool} ${f.clientCpuS === undefined ? '(not measured)' : `${f.clientCpuS.toFixed(1)} s`}; load ${f.load.toFixed(1)}`,
        );
      }
    } finally {
      await server.close();
    }
    const sorted = [...figures].sort((a, b) => a.rps - b.rps);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const pass = (f: RunFigures) => f.rps >= TARGETS.rps && f.p99 < TARGETS.p99Ms && f.errors <= TARGETS.errors;
    console.log(
      `\nmedian run: ${Math.round(median.rps).toLocaleString('en')} req/s, p99 ${median.p99} ms, ${median.errors} errors — target ≥ ${TARGETS.rps.toLocaleString('en')} req/s, p99 < ${TARGETS.p99Ms} ms, 0 errors: ${pass(median) ? 'PASS' : 'FAIL'} (${figures.filter(pass).length}/${figures.length} runs pass)`,
    );
    console.log(
      'the machine is shared: read the load next to each run. The load generator runs on the same cores as nginx; req per nginx CPU-second is what one core of nginx serves.',
    );

    if (values.ingest) {
      const file = path.join(work, median.report.file);
      await writeFile(file, median.report.text);
      const env = [
        `server=${nginxVersion.replace(/^nginx version: /, '')} deploy/nginx.conf`,
        `nginx-workers=${nginxWorkers}`,
        `cores=${availableParallelism()}`,
        `load=${median.load.toFixed(1)}`,
        `load-generator=${tool} on the same cores`,
        `mix=${describeMix(mix)}`,
        `runs=${figures.map((f) => Math.round(f.rps)).join('/')} req/s`,
      ].join(';');
      const args = [
        'ingest',
        file,
        '--suite',
        'kb-serve',
        '--label',
        values.label ?? `${tool}-${connections}c`,
        '--env',
        env,
      ];
      console.log(`\nkb ${args.map((a) => (/[\s;]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
      const ingest = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/bin/kb.mjs'), ...args], {
        cwd: PROJECT_ROOT,
        stdio: 'inherit',
      });
      if (ingest.status !== 0) process.exitCode = ingest.status ?? 1;
    }
    if (!pass(median) && process.exitCode === undefined) process.exitCode = 1;
  } finally {
    if (values.keep) console.log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

await main();
