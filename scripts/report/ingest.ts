import {
  createReadStream,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { KbError } from '../core/errors.ts';
import { writeFilesAtomic } from '../core/fs-atomic.ts';
import { escapeRegExp } from '../core/regexp.ts';
import { parseRuns, type RunFile } from '../ingest/parse-run.ts';
import type { Calibration, Machine, Run } from '../ingest/run-schema.ts';
import { buildRunView, HISTORY_LOOKBACK, lookbackOf, runContext } from './pages.ts';
import { planRunPages, renderRunPage } from './run-page.ts';
import { storedDetection, type Detection, type Finding } from './detect.ts';
import { legacyRunReportFile } from './paths.ts';
import { loadSloTargets, type ConfigIssue } from './slo-targets.ts';
import {
  loadRuns,
  loadRunsByIds,
  loadRunTail,
  runFilePath,
  runTime,
  serializeRun,
  validateRun,
  type RunTail,
} from './store.ts';
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
  /** The tool's version (`--tool-version`), for outputs that do not record it: part of the detector's fingerprint. */
  toolVersion?: string;
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
  /** `exclusive`: a new run's file, created only if no other process took the id first. */
  writes: { path: string; content: string; status: 'new' | 'updated'; exclusive?: boolean }[];
  /** Files removed after the writes: run pages of the old layout (`reports/<date>-<id>.mdx`) that --regenerate replaced. */
  removes?: string[];
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

/** A file's text, or undefined when there is none. Synchronous: ingest reads a page or two, each small. */
function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function openInput(cwd: string, file: string): Promise<RunFile> {
  const abs = path.resolve(cwd, file);
  let size: number;
  try {
    const st = statSync(abs);
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
  return { path: file, size, bytes: readFileSync(abs) };
}

function withExtras(run: Run, options: IngestOptions): Run {
  const environment = {
    ...run.environment,
    ...options.env,
    ...(options.example ? { 'example-source': options.example } : {}),
  };
  const own = run.tool.version;
  if (options.toolVersion && own && own !== options.toolVersion)
    throw new KbError('BAD_ARGUMENT', `--tool-version ${options.toolVersion}, but the tool output says ${own}`, {
      field: '--tool-version',
      hint: 'drop --tool-version: the version the output records is used',
    });
  return {
    ...run,
    tool: options.toolVersion ? { ...run.tool, version: options.toolVersion } : run.tool,
    labels: { ...run.labels, ...(options.example ? { example: true } : {}) },
    environment,
    ...(options.machine && !run.machine ? { machine: options.machine } : {}),
    ...(options.calibration && !run.calibration ? { calibration: options.calibration } : {}),
  };
}

/** `base`, then `base-2`, `base-3` … : the first id no stored or planned run has. */
function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The stored runs an id was derived from `base` for: `base` itself and `base-N`. */
function sameBase(base: string) {
  const suffixed = new RegExp(`^${escapeRegExp(base)}-\\d+$`);
  return (id: string) => id === base || suffixed.test(id);
}

/**
 * Reads, parses and judges; returns every planned write without touching the disk.
 * Reads only the newest runs of the suite and label it stores into (a run looks
 * back at HISTORY_LOOKBACK of them, pages.ts), and plans only the new runs and
 * their own pages: the cost does not grow with the history, and no earlier page
 * is rewritten. Views that grow with history (suite history,
 * scale tests, weekly baselines, the scorecard) are built with the site
 * (`scripts/report/views.ts`).
 */
export async function planIngest(root: string, inputs: readonly string[], options: IngestOptions): Promise<IngestPlan> {
  if (inputs.length === 0)
    throw new KbError('USAGE', 'no input files', { hint: 'pass the tool output file(s): kb ingest results.json' });
  const { config, warnings } = await loadSloTargets(root);
  // What a run is judged against, read once per suite, label and time (store.ts, loadRunTail).
  const tails = new Map<string, RunTail>();
  const tailOf = async (run: Run) => {
    const key = [run.suite, run.labels.label ?? '', runTime(run)].join('\u0000');
    if (!tails.has(key)) tails.set(key, await loadRunTail(root, run, HISTORY_LOOKBACK));
    return tails.get(key)!;
  };
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
      const tail = await tailOf(run);
      // A tool output without a start time of its own (hyperfine, wrk, a k6 summary) is named by the time of
      // its ingest, so the same file ingested again later (a retried CI job) is not in its id family: look for
      // the same bytes among the newest runs of the suite and label (the HISTORY_LOOKBACK read). Not for
      // generic values files, whose bytes can repeat for distinct runs (a steady benchmark). A timed run's
      // id family is read by name, however old.
      const untimed = run.startedAt === undefined && !run.format.startsWith('generic-');
      const candidates = untimed
        ? tail.runs
        : loadRunsByIds(root, [...tail.ids].filter(sameBase(run.id))).filter((r) => r.suite === run.suite);
      const same = candidates.find((r) => r.source.sha256 === run.source.sha256);
      const planned = new Set(fresh.map((f) => f.run.id));
      if (same && !options.force && !planned.has(same.id)) {
        fresh.push({ run: same, status: 'unchanged' });
      } else if (options.force && untimed && same && !planned.has(same.id)) {
        // --force stores it again in place of the run it already is, under that run's id and time: the same
        // bytes are the same measurement, and the id's stamp stays the run's time (store.ts, loadRunTail).
        fresh.push({ run: { ...run, id: same.id, ingestedAt: same.ingestedAt }, status: 'replaced' });
      } else if (options.force && tail.ids.has(run.id) && !planned.has(run.id)) {
        fresh.push({ run, status: 'replaced' });
      } else {
        // Same suite, label and second as a stored (or another planned) run, different content: a run of its own.
        const id = freeId(run.id, new Set([...tail.ids, ...planned]));
        fresh.push({ run: { ...run, id }, status: 'stored' });
      }
    }
  }
  const writes: IngestPlan['writes'] = [];
  const contextOf = async (run: Run) => [
    ...(await tailOf(run)).runs.filter((r) => r.id !== run.id),
    ...fresh.filter((f) => f.run.suite === run.suite).map((f) => f.run),
  ];
  // The history was read light (loadRunTail); the runs a page shows are checked against the full schema.
  const viewOf = async (run: Run) => {
    // The runs it looks back at, once: buildRunView keeps the same ones.
    const lookback = lookbackOf(run, await contextOf(run));
    const used = runContext(run, lookback);
    const checked = new Map(
      [used.previous, used.baseline, ...used.history]
        .filter((r): r is Run => r !== undefined && r !== run)
        .map((r) => [r.id, validateRun(r)]),
    );
    return buildRunView(
      run,
      lookback.map((r) => checked.get(r.id) ?? r),
      config,
    );
  };
  const runs: IngestedRun[] = [];
  for (const entry of fresh) {
    const { status } = entry;
    const view = await viewOf(entry.run);
    // The run keeps what the detector said (flagged, metrics outside the band): later runs read it.
    if (status !== 'unchanged') entry.run = { ...entry.run, detection: storedDetection(view.detection) };
    const { run } = entry;
    runs.push({
      run,
      status,
      verdicts: view.verdicts,
      detection: view.detection,
      regressions: view.detection.regressions,
    });
    if (status === 'unchanged') continue;
    writes.push({
      path: runFilePath(run),
      content: serializeRun(run),
      status: status === 'stored' ? 'new' : 'updated',
      ...(status === 'stored' ? { exclusive: true } : {}),
    });
    for (const page of renderRunPage(view)) {
      const current = readIfThere(path.join(root, page.path));
      if (current !== page.content) writes.push({ ...page, status: current === undefined ? 'new' : 'updated' });
    }
  }
  return { runs, writes, warnings };
}

/** The `--fail-on-regression` decision (exit 3): every flagged metric of every run in the plan. */
export function regressionGate(plan: IngestPlan): { fail: boolean; regressions: (Finding & { run: string })[] } {
  const regressions = plan.runs.flatMap((r) => r.regressions.map((f) => ({ run: r.run.id, ...f })));
  return { fail: regressions.length > 0, regressions };
}

/** Regenerates every run's report page from `benchmarks/` (after editing slo-targets.yaml or upgrading kb). */
export async function planRegenerate(root: string): Promise<IngestPlan> {
  const { config, warnings } = await loadSloTargets(root);
  const runs = await loadRuns(root);
  const writes: IngestPlan['writes'] = [];
  for (const w of planRunPages(runs, config)) {
    const current = readIfThere(path.join(root, w.path));
    if (current !== w.content) writes.push({ ...w, status: current === undefined ? 'new' : 'updated' });
  }
  // Run pages used to be blog posts; left in place they would be a second page of the same run.
  const legacy = runs.map(legacyRunReportFile);
  const removes = legacy.filter((f) => existsSync(path.join(root, f)));
  return { runs: [], writes, warnings, ...(removes.length ? { removes } : {}) };
}

/** Another process stored a run under the id this plan chose (between plan and apply). */
class IdTaken extends Error {}

/** Puts `content` at `target` only if nothing is there: written beside it, then hard-linked (atomic, fails if taken). */
function claimFile(target: string, content: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.claim`);
  writeFileSync(temp, content, { flag: 'wx' });
  try {
    linkSync(temp, target);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') throw new IdTaken(target);
    throw new KbError('WRITE_FAILED', 'could not write files', { file: target, cause });
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Writes every planned file or none. A new run's file is claimed first, with
 * an exclusive create, so two processes can never store over each other.
 */
export async function applyIngest(root: string, plan: IngestPlan): Promise<void> {
  if (plan.writes.length === 0 && !plan.removes?.length) return;
  const claimed: string[] = [];
  const release = () => {
    for (const p of claimed) rmSync(p, { force: true });
  };
  try {
    for (const w of plan.writes.filter((x) => x.exclusive)) {
      const target = path.join(root, w.path);
      claimFile(target, w.content);
      claimed.push(target);
    }
    await writeFilesAtomic(
      plan.writes.filter((w) => !w.exclusive).map((w) => ({ path: path.join(root, w.path), content: w.content })),
      { force: true, root },
    );
  } catch (error) {
    release();
    throw error;
  }
  // Only once every new file is in place: a failed write leaves the old pages where they were.
  for (const f of plan.removes ?? []) rmSync(path.join(root, f), { force: true });
}

/**
 * Plans and applies; when a concurrent `kb ingest` took a chosen id between the
 * two steps, plans again (the next free id) — parallel CI jobs never collide.
 */
export async function ingest(root: string, inputs: readonly string[], options: IngestOptions): Promise<IngestPlan> {
  for (let attempt = 0; ; attempt++) {
    const plan = await planIngest(root, inputs, options);
    try {
      await applyIngest(root, plan);
      return plan;
    } catch (error) {
      if (!(error instanceof IdTaken) || attempt >= 50) {
        if (error instanceof IdTaken)
          throw new KbError('WRITE_FAILED', 'could not find a free run id', {
            file: path.relative(root, error.message),
            hint: 'retry the ingest',
          });
        throw error;
      }
    }
  }
}
