/**
 * npm run bench:regression — detector quality on real tool output recorded on
 * this machine (bench/regression/series/, see its README). For kb's first
 * detector (`previous`: the single previous run, 10 % threshold) and the
 * window detector (`mad`: median ± z·MAD), through the real ingest path into
 * temp KBs, it prints:
 * - false alarms per 30 A/A runs (one unchanged benchmark; target ≤ 1);
 * - runs to detection of a sustained 10 / 15 / 30 % slowdown (target: ≥ 15 %
 *   flagged within 3 runs), and how many of the slow runs were flagged.
 *
 * BENCH_REGRESSION_FAST=1 replays in memory (parse + detect) instead of
 * through planIngest/applyIngest; the figures are the same, only faster.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Machine } from '../../scripts/ingest/run-schema.ts';
import type { DetectorSettings } from '../../scripts/report/slo-targets.ts';
import {
  configOf,
  configText,
  falseAlarmsPer30,
  loadSeries,
  replayDetector,
  replayIngest,
  runsToDetection,
  seriesMachine,
  seriesSets,
  slowdowns,
  tools,
  type Flags,
} from './replay.ts';

/** The CPU-time gating a suite on a shared machine sets (slo-targets.yaml `regression.suites`). */
/** The primary metrics before the minimum of repeated measurements joined them. */
const withoutMin = ['mean', 'median', 'p90', 'p95', 'p99', 'throughput', 'errorRate'];
const cpuGated = ['mean', 'median', 'p99', 'throughput', 'errorRate', 'metric:user time'];
const detectors: { name: string; settings: DetectorSettings }[] = [
  { name: 'previous (kb 0.1: single previous run)', settings: { rule: 'previous' } },
  { name: 'mad, defaults', settings: { rule: 'mad' } },
  { name: 'mad, z 5', settings: { rule: 'mad', z: 5 } },
  { name: 'mad, minRuns 5 (gates sooner)', settings: { rule: 'mad', minRuns: 5 } },
  { name: 'mad, confirm 1 (flag at once)', settings: { rule: 'mad', confirm: 1 } },
  { name: 'mad, no calibration guard', settings: { rule: 'mad', busy: 0 } },
  { name: 'mad, without min', settings: { rule: 'mad', metrics: withoutMin } },
  { name: 'mad, primary + user time', settings: { rule: 'mad', metrics: cpuGated } },
];
const fast = process.env.BENCH_REGRESSION_FAST === '1';

/** Temp KBs holding the A/A prefix already ingested, per detector and prefix: copied, not re-ingested, for each slowdown. */
const prefixKbs = new Map<string, string>();
const temps: string[] = [];

async function replay(
  files: string[],
  suite: string,
  settings: DetectorSettings,
  machine: Machine,
  prefix: string[] = [],
) {
  const text = await configText(settings);
  if (fast) {
    const { flags } = await replayDetector([...prefix, ...files], suite, configOf(text), machine);
    return flags.slice(prefix.length);
  }
  const key = JSON.stringify([settings, prefix]);
  let seeded = prefixKbs.get(key);
  if (!seeded) {
    seeded = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-regression-'));
    temps.push(seeded);
    await fs.writeFile(path.join(seeded, 'slo-targets.yaml'), text);
    if (prefix.length) await replayIngest(seeded, prefix, suite, machine);
    prefixKbs.set(key, seeded);
  }
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-regression-'));
  try {
    await fs.cp(seeded, root, { recursive: true });
    return await replayIngest(root, files, suite, machine, prefix.length);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

const fmtDetect = (flags: Flags) => {
  const at = runsToDetection(flags);
  return `${at === undefined ? 'never' : `run ${at}`} (${flags.filter(Boolean).length}/${flags.length} flagged)`;
};

const started = Date.now();
console.log(`bench:regression — ${fast ? 'in memory' : 'real ingest path'}; series: bench/regression/series/`);
for (const set of seriesSets) {
  for (const tool of tools) {
    const aa = await loadSeries(tool, 'aa', set);
    const suite = `regression-${tool}`;
    const machine = await seriesMachine(set);
    console.log(`\n${set} / ${tool}: A/A ${aa.files.length} runs`);
    for (const d of detectors) {
      const aaFlags = await replay(aa.files, suite, d.settings, machine);
      const parts = [
        `false alarms ${falseAlarmsPer30(aaFlags).toFixed(1)}/30 (${aaFlags.filter(Boolean).length} of ${aaFlags.length})`,
      ];
      for (const s of slowdowns) {
        const ab = await loadSeries(tool, s, set);
        parts.push(`+${s.slice(3)} %: ${fmtDetect(await replay(ab.files, suite, d.settings, machine, aa.files))}`);
      }
      console.log(`  ${d.name.padEnd(32)} ${parts.join(' | ')}`);
    }
  }
}
for (const t of temps) await fs.rm(t, { recursive: true, force: true });
console.log(
  `\n(${((Date.now() - started) / 1000).toFixed(1)} s; targets: ≤ 1 false alarm per 30 A/A runs, ≥ 15 % flagged within 3 runs)`,
);
