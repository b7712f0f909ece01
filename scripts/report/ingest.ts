import { promises as fs, createReadStream } from 'node:fs';
import path from 'node:path';
import { KbError } from '../core/errors.ts';
import { writeFilesAtomic } from '../core/fs-atomic.ts';
import { parseRuns, type RunFile } from '../ingest/parse-run.ts';
import type { Calibration, Machine, Run } from '../ingest/run-schema.ts';
import { planReportPages, buildRunView } from './pages.ts';
import { detectRegressions, type Detection, type Finding } from './detect.ts';
import { loadSloTargets, type ConfigIssue } from './slo-targets.ts';
import { loadRuns, runFilePath, serializeRun } from './store.ts';
import type { Verdict } from './verdict.ts';

/**
 * `kb ingest` as a library: parse and validate every input first, plan every
 * output (runs + regenerated pages), then write them all in one atomic step.
 */
export interface IngestOptions {
  suite?: string;
  label?: string;
  week?: number;
  baseline?: boolean;
  /** Marks the runs as example data from a public source (shown on every page). */
  example?: string;
  format?: string;
  /** Extra environment facts (`machine`, `command` …) recorded with the run. */
  env?: Record<string, string>;
  /** The machine the run came from (the CLI passes this machine's; see machine.ts). Recorded in the run. */
  machine?: Machine;
  /** The machine's speed measured at ingest (`--calibrate`); recorded in the run. */
  calibration?: Calibration;
  force?: boolean;
  /** Input paths are relative to this folder (default: root). */
  cwd?: string;
  now: Date;
  onProgress?: (file: string, done: number, total: number | undefined) => void;
}

export interface IngestedRun {
  run: Run;
  /** `stored` (new), `replaced` (--force), `unchanged` (same source already ingested). */
  status: 'stored' | 'replaced' | 'unchanged';
  verdicts: Verdict[];
  /** How the detector judged the run (rule, window, every gated metric). */
  detection: Detection;
  regressions: Finding[];
}

export interface IngestPlan {
  runs: IngestedRun[];
  writes: { path: string; content: string; status: 'new' | 'updated' }[];
  warnings: ConfigIssue[];
}

/** Streamed above this size (k6 NDJSON from long tests), read whole below it. */
const STREAM_FROM_BYTES = 32 * 1024 * 1024;

const locustPart = /_(stats|stats_history|failures|exceptions)\.csv$/i;

/** Groups input paths into runs: a Locust stats CSV travels with its history/failures CSVs; any other file is a run of its own. */
export function groupInputs(files: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const key = locustPart.test(f) ? `locust:${f.replace(locustPart, '')}` : `file:${f}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()];
}

async function openInput(cwd: string, file: string): Promise<RunFile> {
  const abs = path.resolve(cwd, file);
  let size: number;
  try {
    const st = await fs.stat(abs);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new KbError('NOT_FOUND', 'input file not found', {
      file,
      hint: 'check the path (relative to the current directory)',
    });
  }
  if (size >= STREAM_FROM_BYTES)
    return { path: file, size, stream: () => createReadStream(abs, { highWaterMark: 1 << 20 }) };
  return { path: file, size, bytes: await fs.readFile(abs) };
}

function withExtras(run: Run, options: IngestOptions): Run {
  const environment = {
    ...run.environment,
    ...options.env,
    ...(options.example ? { 'example-source': options.example } : {}),
  };
  return {
    ...run,
    labels: { ...run.labels, ...(options.example ? { example: true } : {}) },
    environment,
    ...(options.machine && !run.machine ? { machine: options.machine } : {}),
    ...(options.calibration && !run.calibration ? { calibration: options.calibration } : {}),
  };
}

/** Reads, parses and judges; returns every planned write without touching the disk. */
export async function planIngest(root: string, inputs: readonly string[], options: IngestOptions): Promise<IngestPlan> {
  if (inputs.length === 0)
    throw new KbError('USAGE', 'no input files', { hint: 'pass the tool output file(s): kb ingest results.json' });
  const { config, warnings } = await loadSloTargets(root);
  const stored = await loadRuns(root);
  const storedById = new Map(stored.map((r) => [r.id, r]));
  const fresh: { run: Run; status: IngestedRun['status'] }[] = [];
  for (const group of groupInputs(inputs)) {
    const files = await Promise.all(group.map((f) => openInput(options.cwd ?? root, f)));
    const parsed = await parseRuns(files, {
      suite: options.suite,
      label: options.label,
      week: options.week,
      baseline: options.baseline,
      example: options.example ? true : undefined,
      format: options.format,
      now: options.now,
      onProgress: options.onProgress ? (done, total) => options.onProgress!(group[0]!, done, total) : undefined,
    });
    for (const raw of parsed) {
      const run = withExtras(raw, options);
      if (fresh.some((f) => f.run.id === run.id)) {
        throw new KbError('EXISTS', `two inputs give the same run id ${run.id}`, {
          file: group[0],
          hint: 'ingest them with different --label or --suite',
        });
      }
      const old = storedById.get(run.id);
      if (old && old.source.sha256 === run.source.sha256 && !options.force) {
        fresh.push({ run: old, status: 'unchanged' });
      } else if (old && !options.force) {
        throw new KbError('EXISTS', `a different run with id ${run.id} is already stored`, {
          file: runFilePath(run),
          hint: 'pass --force to replace it, or use another --label',
        });
      } else {
        fresh.push({ run, status: old ? 'replaced' : 'stored' });
      }
    }
  }
  const all = [...stored.filter((r) => !fresh.some((f) => f.run.id === r.id)), ...fresh.map((f) => f.run)];
  const writes: IngestPlan['writes'] = [];
  const planned = [
    ...fresh
      .filter((f) => f.status !== 'unchanged')
      .map((f) => ({ path: runFilePath(f.run), content: serializeRun(f.run) })),
    ...planReportPages(all, config),
  ];
  for (const w of planned) {
    const current = await fs.readFile(path.join(root, w.path), 'utf8').catch(() => undefined);
    if (current !== w.content) writes.push({ ...w, status: current === undefined ? 'new' : 'updated' });
  }
  const runs = fresh.map(({ run, status }) => {
    const view = buildRunView(run, all, config);
    const detection = detectRegressions(run, all, config.regression);
    return { run, status, verdicts: view.verdicts, detection, regressions: detection.regressions };
  });
  return { runs, writes, warnings };
}

/** The `--fail-on-regression` decision (exit 3): every flagged metric of every run in the plan. */
export function regressionGate(plan: IngestPlan): { fail: boolean; regressions: (Finding & { run: string })[] } {
  const regressions = plan.runs.flatMap((r) => r.regressions.map((f) => ({ run: r.run.id, ...f })));
  return { fail: regressions.length > 0, regressions };
}

/** Regenerates every report page and the scorecard from `benchmarks/` (after editing slo-targets.yaml or upgrading kb). */
export async function planRegenerate(root: string): Promise<IngestPlan> {
  const { config, warnings } = await loadSloTargets(root);
  const runs = await loadRuns(root);
  const writes: IngestPlan['writes'] = [];
  for (const w of planReportPages(runs, config)) {
    const current = await fs.readFile(path.join(root, w.path), 'utf8').catch(() => undefined);
    if (current !== w.content) writes.push({ ...w, status: current === undefined ? 'new' : 'updated' });
  }
  return { runs: [], writes, warnings };
}

/** Writes every planned file or none. */
export async function applyIngest(root: string, plan: IngestPlan): Promise<void> {
  if (plan.writes.length === 0) return;
  await writeFilesAtomic(
    plan.writes.map((w) => ({ path: path.join(root, w.path), content: w.content })),
    { force: true, root },
  );
}
