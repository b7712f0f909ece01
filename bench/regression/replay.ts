/**
 * Replays the committed series in bench/regression/series/ through a
 * regression detector, in order, and scores it: false alarms on the A/A series
 * (one unchanged benchmark) and runs-to-detection on the A/B series (the same
 * benchmark made 10 / 15 / 30 % slower).
 *
 * Two paths share the series and the scoring:
 * - `replayIngest`: the real `kb ingest` path (planIngest + applyIngest into a
 *   temp KB with its own slo-targets.yaml) — used by `npm run bench:regression`;
 * - `replayDetector`: parse + detectRegressions in memory — used by the unit
 *   test, which asserts behaviour (not timing).
 * Each run is re-timed to one minute after the previous one (autocannon's own
 * `start` is rewritten), because the series were recorded interleaved and the
 * replay order is the order that matters.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRuns } from '../../scripts/ingest/parse-run.ts';
import type { Calibration, Machine, Run } from '../../scripts/ingest/run-schema.ts';
import { detectRegressions, storedDetection } from '../../scripts/report/detect.ts';
import { applyIngest, planIngest } from '../../scripts/report/ingest.ts';
import { parseSloTargets, type DetectorSettings, type SloConfig } from '../../scripts/report/slo-targets.ts';

export const seriesRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'series');
export const tools = ['hyperfine', 'autocannon'] as const;
export type SeriesTool = (typeof tools)[number];
export const slowdowns = ['ab-10', 'ab-15', 'ab-30'] as const;
/**
 * Recording sessions (series/README.md): `runner` = the machine as a CI runner
 * sees it, with noisy minutes (another job's CPU burners) in some rounds;
 * `shared-load-25` = the machine shared by ~7 engineers, every minute noisy.
 */
export const seriesSets = ['runner', 'shared-load-25'] as const;
export type SeriesSet = (typeof seriesSets)[number];

export interface Series {
  tool: SeriesTool;
  name: string;
  files: string[];
}

export async function loadSeries(tool: SeriesTool, name: string, set: SeriesSet = 'runner'): Promise<Series> {
  const dir = path.join(seriesRoot, set, tool, name);
  const files = (await fs.readdir(dir)).filter((f) => /^\d+\.json$/.test(f)).sort();
  return { tool, name, files: files.map((f) => path.join(dir, f)) };
}

/** The machine a set was recorded on (series/<set>/machine.json), so every replay of it uses one fingerprint. */
export async function seriesMachine(set: SeriesSet = 'runner'): Promise<Machine> {
  return JSON.parse(await fs.readFile(path.join(seriesRoot, set, 'machine.json'), 'utf8')) as Machine;
}

const start = Date.parse('2026-12-01T00:00:00Z');
export const replayTime = (i: number) => new Date(start + i * 60_000);

/** The tool output with its own start time replaced by the replay clock (autocannon records one). */
export function retime(text: string, at: Date): string {
  const doc = JSON.parse(text) as Record<string, unknown>;
  if (typeof doc.start !== 'string') return text;
  const length = typeof doc.finish === 'string' ? Date.parse(doc.finish) - Date.parse(doc.start) : 0;
  return JSON.stringify({ ...doc, start: at.toISOString(), finish: new Date(at.getTime() + length).toISOString() });
}

/** The repository's slo-targets.yaml with the detector line replaced. */
export async function configText(detector: DetectorSettings): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const text = await fs.readFile(path.join(here, '..', '..', 'slo-targets.yaml'), 'utf8');
  // The `detector:` entry under `regression:`, on one line or as a flow mapping over several (as Biome formats it).
  const line = /^ {2}detector:[^\n]*(?:\n {4}[^\n]*)*$/m;
  if (!line.test(text)) throw new Error('slo-targets.yaml has no `  detector:` entry under regression: to replace');
  const inline = Object.entries(detector)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : v}`)
    .join(', ');
  return text.replace(line, `  detector: { ${inline} }`);
}

export function configOf(text: string): SloConfig {
  const parsed = parseSloTargets(text);
  if (!parsed.value) throw new Error(`bench config invalid: ${JSON.stringify(parsed.errors[0])}`);
  return parsed.value;
}

/** The calibration `kb ingest --calibrate` measured right after the run (NN.calibration.json beside NN.json). */
export async function calibrationOf(file: string): Promise<Calibration | undefined> {
  const text = await fs.readFile(file.replace(/\.json$/, '.calibration.json'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const { workload, score } = JSON.parse(text) as Calibration;
  return { workload, score };
}

/** Did each run of the sequence get flagged? (true = at least one gated metric flagged). */
export type Flags = boolean[];

/** In memory: parse each file, judge it against the runs before it. */
export async function replayDetector(
  files: readonly string[],
  suite: string,
  config: SloConfig,
  machine: Machine,
  useCalibration = true,
): Promise<{ flags: Flags; runs: Run[] }> {
  const runs: Run[] = [];
  const flags: Flags = [];
  for (const [i, file] of files.entries()) {
    const now = replayTime(i);
    const bytes = Buffer.from(retime(await fs.readFile(file, 'utf8'), now));
    const [run] = await parseRuns([{ path: path.basename(file), bytes, size: bytes.length }], { suite, now });
    const calibration = useCalibration ? await calibrationOf(file) : undefined;
    const withMachine: Run = { ...run!, machine, ...(calibration ? { calibration } : {}) };
    const detection = detectRegressions(withMachine, runs, config.regression);
    flags.push(detection.regressions.length > 0);
    // As `kb ingest` stores it: later runs leave flagged runs out of their window and confirm with it.
    runs.push({ ...withMachine, detection: storedDetection(detection) });
  }
  return { flags, runs };
}

/** The real ingest path: one planIngest + applyIngest per file into `root` (a temp KB). */
export async function replayIngest(
  root: string,
  files: readonly string[],
  suite: string,
  machine: Machine,
  offset = 0,
): Promise<Flags> {
  const flags: Flags = [];
  const inputs = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-regression-in-'));
  try {
    for (const [i, file] of files.entries()) {
      const now = replayTime(offset + i);
      const input = path.join(inputs, `${String(offset + i).padStart(3, '0')}.json`);
      await fs.writeFile(input, retime(await fs.readFile(file, 'utf8'), now));
      const calibration = await calibrationOf(file);
      const plan = await planIngest(root, [input], { suite, now, machine, calibration });
      await applyIngest(root, plan);
      flags.push(plan.runs.some((r) => r.regressions.length > 0));
    }
  } finally {
    await fs.rm(inputs, { recursive: true, force: true });
  }
  return flags;
}

/** 1-based index of the first flagged run, or undefined. */
export function runsToDetection(flags: Flags): number | undefined {
  const i = flags.indexOf(true);
  return i < 0 ? undefined : i + 1;
}

/** Flagged runs scaled to 30 runs. */
export function falseAlarmsPer30(flags: Flags): number {
  return (flags.filter(Boolean).length * 30) / flags.length;
}
