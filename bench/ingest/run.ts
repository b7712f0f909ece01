import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { endpoints, exactPercentile, generateK6Ndjson, type Exact } from './generate.ts';

/**
 * npm run bench:ingest [-- --size 200MB]
 * Generates a k6 NDJSON file (1 GB by default) in a temp dir, times `wc -l` on
 * it, then streams it through the ingest in a child process (so peak RSS is the
 * ingest's own) and checks throughput, memory and percentiles against targets:
 * ≥ 200 MB/s, ≤ 256 MB peak RSS, percentiles within 1 % of the exact values.
 */

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i.exec(text.trim());
  if (!m) throw new Error(`--size ${text}: use a size like 200MB or 1GB`);
  const unit = (m[2] ?? 'B').toUpperCase();
  return Math.round(Number(m[1]) * ({ B: 1, KB: 1e3, MB: 1e6, GB: 1e9 } as Record<string, number>)[unit]!);
}

const args = process.argv.slice(2);
const sizeArg = args.indexOf('--size');
const target = parseSize(sizeArg >= 0 ? (args[sizeArg + 1] ?? '') : '1GB');
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-bench-ingest-'));
const file = path.join(dir, 'k6.ndjson');
const mb = (bytes: number) => bytes / 1e6;

try {
  console.log(`generating ${mb(target).toFixed(0)} MB of k6 NDJSON in ${dir} …`);
  let t = performance.now();
  const gen = generateK6Ndjson(file, target);
  console.log(
    `  ${gen.requests} requests, ${mb(gen.bytes).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  t = performance.now();
  const wc = spawnSync('wc', ['-l', file], { encoding: 'utf8' });
  const wcMs = performance.now() - t;
  console.log(
    `wc -l: ${wc.stdout.trim().split(/\s+/)[0]} lines in ${(wcMs / 1000).toFixed(2)} s (${(mb(gen.bytes) / (wcMs / 1000)).toFixed(0)} MB/s)`,
  );

  t = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'child.ts'), file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - t;
  if (child.status !== 0) throw new Error(`ingest child failed (exit ${child.status})`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    elapsedMs: number;
    cpuMs: number;
    maxRssKb: number;
    operations: { name: string; count?: number; latency?: Record<string, number> }[];
    timelinePoints: number;
  };
  const throughput = mb(gen.bytes) / (result.elapsedMs / 1000);
  const cpuThroughput = mb(gen.bytes) / (result.cpuMs / 1000);
  const rssMb = result.maxRssKb / 1024;
  console.log(
    `ingest: ${(result.elapsedMs / 1000).toFixed(2)} s wall → ${throughput.toFixed(0)} MB/s; ${(result.cpuMs / 1000).toFixed(2)} s CPU → ${cpuThroughput.toFixed(0)} MB/s per CPU second (child process wall incl. startup ${(wallMs / 1000).toFixed(2)} s)`,
  );
  console.log(
    `  peak RSS ${rssMb.toFixed(0)} MiB, ${result.timelinePoints} timeline points, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs (wall figures suffer when the machine is shared)`,
  );

  let worst = 0;
  const compare = (exact: Exact, opName: string) => {
    const op = result.operations.find((o) => o.name === opName);
    if (!op?.latency) throw new Error(`operation ${opName} missing from the run`);
    if (op.count !== exact.total) throw new Error(`${opName}: count ${op.count} ≠ ${exact.total}`);
    const cells = (['p50', 'p90', 'p95', 'p99', 'p999'] as const).map((key) => {
      const p = key === 'p999' ? 99.9 : Number(key.slice(1));
      const want = exactPercentile(exact, p);
      const got = op.latency![key]!;
      const err = Math.abs(got - want) / want;
      worst = Math.max(worst, err);
      return `${key} ${got.toFixed(3)}/${want.toFixed(3)} (${(err * 100).toFixed(3)} %)`;
    });
    console.log(`  ${opName.padEnd(22)} ${cells.join('  ')}`);
  };
  console.log('percentiles, ingest/exact ms:');
  compare(gen.overall, 'http_req_duration');
  endpoints.forEach((e, i) => {
    compare(gen.perEndpoint[i]!, e.name);
  });

  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  console.log(
    `targets: throughput ≥ 200 MB/s ${verdict(throughput >= 200)} wall, ${verdict(cpuThroughput >= 200)} per CPU second; peak RSS ≤ 256 MB ${verdict(rssMb * 1.048576 <= 256)}; percentiles within 1 % ${verdict(worst <= 0.01)} (worst ${(worst * 100).toFixed(3)} %)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
