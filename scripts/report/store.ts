import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KbError } from '../core/errors.ts';
import { layout } from '../core/project.ts';
import { idStamp, runNamePattern } from '../ingest/run-id.ts';
import { runSchema, type Run } from '../ingest/run-schema.ts';

/** When a run happened: the tool's own time, else when it was ingested. */
export function runTime(run: Run): string {
  return run.startedAt ?? run.ingestedAt;
}

/** `YYYY-MM-DD` (UTC) of a run. */
export function runDate(run: Run): string {
  return new Date(runTime(run)).toISOString().slice(0, 10);
}

/** Ids in code-unit order: the tie-break of the one order of runs (no locale: `_`, digits and case sort alike everywhere). */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The one order of runs, which sorting, "the previous run", a page's trend and the detector's window all
 * follow: by the instant the run happened (not how its time is spelled), then by id. Runs of parallel CI
 * jobs often share a second; they must agree on which came first.
 */
export function sortRuns(runs: readonly Run[]): Run[] {
  // Each time parsed once, not once per comparison: ingest sorts a suite's whole history (hundreds of runs).
  return runs
    .map((run) => ({ run, t: Date.parse(runTime(run)) }))
    .sort((a, b) => a.t - b.t || byId(a.run.id, b.run.id))
    .map((x) => x.run);
}

/** Whether a run comes before `run` in the order of `sortRuns` (`run`'s time parsed once, for filtering many). */
export function earlierThan(run: Run): (other: Run) => boolean {
  const t = Date.parse(runTime(run));
  return (other) => {
    const o = Date.parse(runTime(other));
    return o < t || (o === t && byId(other.id, run.id) < 0);
  };
}

/** Where a run is stored, relative to the project root. */
export function runFilePath(run: Pick<Run, 'id'>): string {
  return `${layout.benchmarks}/${run.id}.json`;
}

/** Stable JSON of a run (schema order, two-space indent, final newline). */
export function serializeRun(run: Run): string {
  return `${JSON.stringify(runSchema.parse(run), null, 2)}\n`;
}

/** A stored run's JSON, or INVALID_INPUT naming the file. */
function parseRunJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new KbError('INVALID_INPUT', 'stored run is not valid JSON', {
      file,
      hint: 're-ingest the source file with kb ingest --force',
      cause,
    });
  }
}

/** Validates a stored run; the error names the file and the first bad field. */
export function parseStoredRun(text: string, file: string): Run {
  return checkStoredRun(parseRunJson(text, file), file);
}

function checkStoredRun(raw: unknown, file: string): Run {
  const parsed = runSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KbError('INVALID_INPUT', `stored run does not match the run schema: ${issue.message}`, {
      file,
      field: issue.path.join('.') || '(root)',
      hint: 're-ingest the source file with kb ingest --force',
    });
  }
  return parsed.data;
}

async function runFileNames(root: string, prefix = ''): Promise<string[]> {
  try {
    // Filtered before sorting: an ingest wants one suite's 500 names of 10,000.
    return readdirSync(path.join(root, layout.benchmarks))
      .filter((n) => n.endsWith('.json') && n.startsWith(prefix))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Stored runs are read synchronously, one after another: they are small files in the page cache, and each
 * promise read is four thread-pool round trips (open, stat, read, close). For the build's 10,000 runs that
 * was seconds of main-thread time against about 0.2 s (profiled with --cpu-prof, bench:history).
 */
function readRuns(root: string, names: readonly string[], parse: (text: string, file: string) => Run): Run[] {
  const dir = path.join(root, layout.benchmarks);
  return names.map((n) => parse(readFileSync(path.join(dir, n), 'utf8'), `${layout.benchmarks}/${n}`));
}

/** Every run in `benchmarks/*.json` (not `benchmarks/raw/`), validated, oldest first. */
export async function loadRuns(root: string): Promise<Run[]> {
  return sortRuns(readRuns(root, await runFileNames(root), parseStoredRun));
}

/**
 * A stored run read for its place in the history only: JSON and the fields
 * ordering and comparing need (id, suite, times, labels). The full schema is
 * checked by `validateRun` on the runs a page actually uses.
 */
function parseHistoryRun(text: string, file: string): Run {
  const raw = parseRunJson(text, file);
  const r = raw as Partial<Run> | null;
  const bad =
    typeof r !== 'object' || r === null
      ? '(root)'
      : typeof r.id !== 'string'
        ? 'id'
        : typeof r.suite !== 'string'
          ? 'suite'
          : typeof r.ingestedAt !== 'string'
            ? 'ingestedAt'
            : typeof r.labels !== 'object' || r.labels === null
              ? 'labels'
              : undefined;
  if (bad)
    throw new KbError('INVALID_INPUT', 'stored run does not match the run schema', {
      file,
      field: bad,
      hint: 're-ingest the source file with kb ingest --force',
    });
  return raw as Run;
}

/** Every stored run, read light like `loadRunTail` (no full schema check): for listing, not for judging. */
export async function loadRunsLight(root: string): Promise<Run[]> {
  return sortRuns(readRuns(root, await runFileNames(root), parseHistoryRun));
}

/** Checks a run read light (`loadRunTail`) against the full schema (the error names its file and field). */
export function validateRun(run: Run): Run {
  return checkStoredRun(run, runFilePath(run));
}

/**
 * The runs of one suite, oldest first, read light. A run id starts with its suite, so only
 * `<suite>-*.json` files are read (a suite `api` also reads `api-v2-*` and drops them).
 * loadRunTail's fallback when file names cannot be trusted to give the order of runs.
 */
async function loadSuiteRuns(root: string, suite: string): Promise<Run[]> {
  const names = await runFileNames(root, `${suite}-`);
  return sortRuns(readRuns(root, names, parseHistoryRun).filter((r) => r.suite === suite));
}

/** Stored runs by id, read light (see parseHistoryRun); ids without a file are skipped. */
export function loadRunsByIds(root: string, ids: readonly string[]): Run[] {
  const dir = path.join(root, layout.benchmarks);
  return readRuns(
    root,
    ids.map((id) => `${id}.json`).filter((n) => existsSync(path.join(dir, n))),
    parseHistoryRun,
  );
}

/** What `kb ingest` reads of a suite: the ids taken (from file names) and the newest runs of one label. */
export interface RunTail {
  /** Every id of a `<suite>-…` file: new ids must avoid them (a superset: other suites' ids never clash). */
  ids: Set<string>;
  /** The runs read, oldest first: every run of the suite and label newer than `run`, and `count` before it. */
  runs: Run[];
}

/**
 * The newest runs of one suite and label, read by their file names: the name holds the UTC second of the
 * run's time (run-id.ts), so names sorted by it are runs sorted by time, to the second. Names are read a
 * whole second at a time, newest first, until `count` runs of the label before `run` are in: with
 * pages.ts's HISTORY_LOOKBACK as `count`, that is every run `run`'s page and detector can use, and ingest
 * reads about that many files however long the history is. A run whose time does not match its name
 * (a hand-edited file) makes it read the whole suite, as loadSuiteRuns does.
 */
export async function loadRunTail(root: string, run: Run, count: number): Promise<RunTail> {
  const names = await runFileNames(root, `${run.suite}-`);
  const ids = new Set(names.map((n) => n.slice(0, -'.json'.length)));
  const label = run.labels.label ?? '';
  const pattern = runNamePattern(run.suite, run.labels.label);
  const bySecond = new Map<string, string[]>();
  for (const n of names) {
    const second = pattern.exec(n)?.[1];
    if (second === undefined) continue;
    const group = bySecond.get(second);
    if (group) group.push(n);
    else bySecond.set(second, [n]);
  }
  const before = earlierThan(run);
  const ownSecond = idStamp(runTime(run));
  const read: Run[] = [];
  let found = 0;
  for (const second of [...bySecond.keys()].sort().reverse()) {
    // Enough once `count` are in and this second is wholly before the run's own (so none of its runs is later).
    if (found >= count && second < ownSecond) break;
    for (const r of readRuns(root, bySecond.get(second)!, parseHistoryRun)) {
      if (idStamp(runTime(r)) !== second) {
        const all = await loadSuiteRuns(root, run.suite);
        return { ids, runs: all.filter((x) => (x.labels.label ?? '') === label) };
      }
      if (r.suite !== run.suite || (r.labels.label ?? '') !== label) continue;
      read.push(r);
      if (before(r)) found++;
    }
  }
  return { ids, runs: sortRuns(read) };
}
