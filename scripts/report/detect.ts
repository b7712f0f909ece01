import type { Direction, Operation, Run, StoredDetection } from '../ingest/run-schema.ts';
import { measure, metricKeysOf } from './metrics.ts';
import { compareRuns, thresholdFor, type Change } from './regression.ts';
import { baselineFor, isComparable, previousComparable } from './series.ts';
import { suiteMatches, type DetectorRule, type DetectorSettings, type SloConfig } from './slo-targets.ts';
import { earlierThan, sortRuns } from './store.ts';

/**
 * Regression detection: is this run worse than what its suite usually
 * measures? The decision behind `kb ingest --fail-on-regression` (exit 3),
 * made once here and shown on the run's page and in the CI summary.
 *
 * Rules (a suite picks one in `slo-targets.yaml`, `regression.detector` /
 * `regression.suites`):
 * - `mad` (default): the baseline is the MEDIAN of the last `window`
 *   comparable runs (same suite, label and machine fingerprint); the noise is
 *   their median absolute deviation (MAD). A value is flagged when it is worse
 *   by more than `z` robust standard deviations (modified z-score
 *   0.6745·(x − median)/MAD > z, Iglewicz & Hoaglin) AND by more than
 *   `minChange` (relative) and `minDelta` (absolute), in `confirm`
 *   consecutive comparable runs (default 2: a run taken in a busy minute is
 *   shown as outside the band, and the next run confirms or clears it). A
 *   flagged run stays out of every later window, so a sustained slowdown
 *   never becomes the baseline: it stays flagged until it is fixed, or
 *   accepted by storing a run with `--baseline` (the window restarts there).
 *   One wild run moves neither the median nor the MAD, so a flagged run
 *   followed by a normal one leaves the baseline where it was.
 * - `previous`: kb's first rule — compare with the single previous comparable
 *   run and the marked baseline (`regression.threshold`, tool-reported
 *   spread). Kept so its false-alarm rate can be measured
 *   (`npm run bench:regression`).
 * With fewer than `minRuns` comparable runs the `mad` rule has no noise
 * estimate: it shows the comparison with what there is and gates nothing
 * (warming up), like Bencher's minimum sample size.
 */

export interface Detector {
  rule: DetectorRule;
  window: number;
  minRuns: number;
  z: number;
  confirm: number;
  busy: number;
  minChange: number;
  normalize: 'none' | 'speed';
  metrics: 'primary' | 'all' | string[];
}

export const defaultDetector: Detector = {
  rule: 'mad',
  window: 15,
  minRuns: 10,
  z: 3.5,
  confirm: 2,
  busy: 0.6,
  minChange: 0.05,
  // Off: on this machine a calibration timed at ingest did not track the load during the run (bench:regression).
  normalize: 'none',
  metrics: 'primary',
};

/** One gated metric of one operation against its baseline. */
export interface Finding {
  operation: string;
  metric: string;
  unit: string;
  direction: Direction;
  current: number;
  /** The window median (`mad`) or the compared run's value (`previous`). */
  baseline: number;
  delta: number;
  /** delta / |baseline|; undefined when the baseline is 0. */
  relative?: number;
  worse: boolean;
  /** Values inside [low, high] are noise (`mad`: median ± z·1.4826·MAD, widened to minChange/minDelta). */
  band?: { low: number; high: number };
  /** Modified z-score (`mad`); positive = worse. */
  score?: number;
  /** How many runs the baseline is made of. */
  n: number;
  /** Worse than the noise band (`mad`, once the window knows the noise). */
  outside?: boolean;
  /** Consecutive comparable runs, this one included, with this metric outside the band. */
  streak?: number;
  /** `previous`: the run compared with. */
  against?: string;
  regression: boolean;
}

export interface Detection {
  /** The rule that judged (after a fallback: `previous`). */
  rule: DetectorRule;
  settings: Detector;
  /** Fewer than `minRuns` comparable runs: findings are shown but none gates. */
  warmingUp?: boolean;
  /** The run is marked `--baseline`: accepted as the suite's new level, so nothing of it gates. */
  accepted?: boolean;
  /** Flagged or busy runs left out of the window (a regression never becomes the baseline). */
  skipped: number;
  /**
   * The machine was busy when the run was measured: its calibration score is below `busy` × the window's
   * median score. Shown, not judged, and kept out of later windows.
   */
  busy?: { score: number; usual: number };
  /** True when window values were scaled to this run's machine speed (calibration). */
  normalized?: boolean;
  /** The runs the baseline came from, oldest first. */
  window: Run[];
  findings: Finding[];
  regressions: Finding[];
}

/** The detector a suite uses: defaults ← `regression.detector` ← the first `regression.suites` glob that matches. */
export function detectorFor(suite: string, config: SloConfig['regression']): Detector {
  const own = Object.entries(config.suites ?? {}).find(([glob]) => suiteMatches(glob, suite))?.[1];
  const pick = (s: DetectorSettings | undefined) =>
    Object.fromEntries(Object.entries(s ?? {}).filter(([, v]) => v !== undefined)) as Partial<Detector>;
  return { ...defaultDetector, ...pick(config.detector), ...pick(own) };
}

/** The run's machine + tool identity; undefined for runs stored before machines were recorded. */
export function fingerprintOf(run: Run): string | undefined {
  if (!run.machine) return undefined;
  const m = run.machine;
  // The OS name without its release: kernel updates should not reset a suite's history.
  return [m.cpu, m.cores, m.os.split(' ')[0], m.arch, run.tool.name, run.tool.version ?? ''].join('\u0000');
}

/** Same suite and label, and the same fingerprint when both runs have one. */
export function sameEnvironment(a: Run, b: Run): boolean {
  if (!isComparable(a, b)) return false;
  const fa = fingerprintOf(a);
  const fb = fingerprintOf(b);
  return fa === undefined || fb === undefined || fa === fb;
}

/** Every comparable run (same environment) before `run`, by run time (ties by id), oldest first. */
function earlierRuns(run: Run, runs: readonly Run[]): Run[] {
  const earlier = earlierThan(run);
  return sortRuns(runs.filter((r) => sameEnvironment(run, r) && earlier(r)));
}

/** A run that gated when it was stored, and was not accepted with --baseline. */
const flagged = (r: Run) => r.detection?.flagged === true && !r.labels.baseline;
/** A run left out of later windows: flagged, or measured on a busy machine. */
const leftOut = (r: Run) => flagged(r) || (r.detection?.busy === true && !r.labels.baseline);

/**
 * The baseline window of `run`: the last `size` comparable runs before it
 * (oldest first), from the latest one marked `--baseline` on, without the
 * runs that were flagged or measured busy; and how many of those were left out.
 */
export function windowSplit(earlier: readonly Run[], size: number): { window: Run[]; skipped: number } {
  let start = earlier.length - 1;
  while (start >= 0 && earlier[start]!.labels.baseline !== true) start--;
  const since = start < 0 ? earlier : earlier.slice(start);
  const window = since.filter((r) => !leftOut(r)).slice(-size);
  const from = window[0] ? since.indexOf(window[0]) : since.length;
  return { window, skipped: since.slice(from).filter(leftOut).length };
}

/** The baseline window of `run` among `runs` (see windowSplit). */
export function windowOf(run: Run, runs: readonly Run[], size: number): Run[] {
  return windowSplit(earlierRuns(run, runs), size).window;
}

/** Consecutive runs just before this one (back to an accepted baseline, busy runs passed over) that had this metric outside the band. */
function streakBefore(earlier: readonly Run[], operation: string, metric: string): number {
  let n = 0;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const r = earlier[i]!;
    if (r.labels.baseline) break;
    if (r.detection?.busy) continue; // not judged: neither breaks nor extends the streak
    if (!r.detection?.outside.some((o) => o.operation === operation && o.metric === metric)) break;
    n++;
  }
  return n;
}

const primaryBuiltins = new Set([
  'min',
  'mean',
  'median',
  'p50',
  'p90',
  'p95',
  'p99',
  'p999',
  'throughput',
  'errorRate',
]);

/**
 * Operations a tool times repeatedly within one run (hyperfine's commands, pytest-benchmark's functions,
 * Google Benchmark's benchmarks). Their fastest repetition is judged too: interference only ever adds time,
 * so the minimum moves with the program and hardly with a busy machine (Chen & Revels, "Robust benchmarking
 * in noisy environments", 2016; Python's timeit docs) — bench:regression shows it on this machine.
 */
const repeatedKinds = new Set(['command', 'function', 'benchmark']);
function detectorKeysOf(op: Operation): string[] {
  const keys = metricKeysOf(op);
  return repeatedKinds.has(op.kind ?? '') && op.latency?.min !== undefined ? ['min', ...keys] : keys;
}
const secondaryToolMetrics = new Set(['user time', 'system time']);
const secondaryUnits = new Set(['count', 'bytes', 'bytes/s']);

/** Does `metric` (a key from metricKeysOf) gate under these settings? */
export function gates(metric: string, unit: string, metrics: Detector['metrics']): boolean {
  if (metrics === 'all') return true;
  if (metrics === 'primary') {
    if (metric.startsWith('metric:'))
      return !secondaryToolMetrics.has(metric.slice('metric:'.length)) && !secondaryUnits.has(unit);
    return primaryBuiltins.has(metric);
  }
  return metrics.includes(metric) || (metric === 'p50' && metrics.includes('median'));
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function opKey(o: Pick<Operation, 'name' | 'kind' | 'aggregate'>): string {
  return o.aggregate ? '\u0000aggregate' : `${o.kind ?? ''}\u0000${o.name}`;
}

function measureOp(run: Run, op: Operation, metric: string) {
  return measure({ ...run, operations: [op] }, 'aggregate', metric);
}

/**
 * How to bring a window run's value to this run's machine speed: a time taken
 * at speed s_r would take s_r / s_c as long at speed s_c; a rate scales the
 * other way. Other units (ratios, scores, counts) are not speed-bound.
 */
function speedFactor(run: Run, other: Run, unit: string): number {
  const a = run.calibration;
  const b = other.calibration;
  if (!a || !b || a.workload !== b.workload) return 1;
  if (unit === 'ms') return b.score / a.score;
  if (unit === 'rps') return a.score / b.score;
  return 1;
}

/**
 * One value against the window's values. Timings and rates are positive and
 * their noise is multiplicative (a busy minute doubles a time, it does not
 * add 50 ms), so for positive series the median and MAD are taken on log
 * values and the band is a ratio around the median; a series with a 0 or a
 * negative value (error rates from 0) uses them on the values themselves.
 */
function judge(
  value: number,
  values: readonly number[],
  direction: Direction,
  d: Detector,
  minDelta: number,
): Pick<Finding, 'baseline' | 'delta' | 'relative' | 'worse' | 'band' | 'score' | 'regression'> {
  const base = median(values);
  const sign = direction === 'lower' ? 1 : -1;
  const delta = value - base;
  const relative = base === 0 ? undefined : delta / Math.abs(base);
  const worse = sign * delta > 0;
  const logScale = value > 0 && values.every((v) => v > 0);
  let band: { low: number; high: number };
  let score: number | undefined;
  if (logScale) {
    const logs = values.map(Math.log);
    const center = median(logs);
    const mad = median(logs.map((v) => Math.abs(v - center)));
    // Half-width in log units: z robust standard deviations, never narrower than minChange.
    const half = Math.max(d.z * 1.4826 * mad, Math.log(1 + d.minChange));
    band = {
      low: Math.min(base - minDelta, base * Math.exp(-half)),
      high: Math.max(base + minDelta, base * Math.exp(half)),
    };
    score = mad > 0 ? (0.6745 * sign * (Math.log(value) - center)) / mad : undefined;
  } else {
    const mad = median(values.map((v) => Math.abs(v - base)));
    const half = Math.max(d.z * 1.4826 * mad, d.minChange * Math.abs(base), minDelta);
    band = { low: base - half, high: base + half };
    score = mad > 0 ? (0.6745 * sign * delta) / mad : undefined;
  }
  const outside = sign > 0 ? value > band.high : value < band.low;
  return { baseline: base, delta, relative, worse, band, score, regression: worse && outside && delta !== 0 };
}

/** `mad`: every gated metric of every operation against the window's median and MAD. */
function madFindings(
  run: Run,
  window: readonly Run[],
  d: Detector,
  config: SloConfig['regression'],
  normalized: boolean,
  earlier: readonly Run[],
  judging: boolean,
): Finding[] {
  const findings: Finding[] = [];
  for (const op of run.operations) {
    const key = opKey(op);
    for (const metric of detectorKeysOf(op)) {
      const cur = measureOp(run, op, metric);
      if (!cur || !gates(metric, cur.unit, d.metrics)) continue;
      const values: number[] = [];
      for (const r of window) {
        const other = r.operations.find((o) => opKey(o) === key);
        const m = other ? measureOp(r, other, metric) : undefined;
        if (m && m.unit === cur.unit) values.push(m.value * (normalized ? speedFactor(run, r, m.unit) : 1));
      }
      if (values.length === 0) continue;
      const { minDelta } = thresholdFor(metric, config);
      const judged = judge(cur.value, values, cur.direction, d, minDelta);
      // Warming up (fewer than minRuns values): shown, never outside, never gating.
      const outside = judging && judged.regression && values.length >= d.minRuns;
      const streak = outside ? 1 + streakBefore(earlier, op.name, metric) : 0;
      findings.push({
        operation: op.name,
        metric,
        unit: cur.unit,
        direction: cur.direction,
        current: cur.value,
        ...judged,
        n: values.length,
        outside,
        streak,
        regression: outside && streak >= d.confirm,
      });
    }
  }
  return findings;
}

function fromChange(c: Change, against: Run): Finding {
  return {
    operation: c.operation,
    metric: c.metric,
    unit: c.unit,
    direction: c.direction,
    current: c.current,
    baseline: c.reference,
    delta: c.delta,
    relative: c.relative,
    worse: c.worse,
    n: 1,
    against: against.id,
    regression: c.regression,
  };
}

/** `previous`: the single previous comparable run and the marked baseline (each operation × metric flagged once). */
function previousFindings(run: Run, runs: readonly Run[], config: SloConfig['regression'], d?: Detector): Finding[] {
  const refs = [previousComparable(run, runs), baselineFor(run, runs)].filter((r): r is Run => r !== undefined);
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const ref of refs) {
    for (const c of compareRuns(run, ref, config)) {
      if (d && !gates(c.metric, c.unit, d.metrics)) continue;
      const key = `${c.operation}\u0000${c.metric}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(fromChange(c, ref));
    }
  }
  return out;
}

/** Judges one run against the runs stored before it. Pure: the same runs give the same answer. */
export function detectRegressions(run: Run, runs: readonly Run[], config: SloConfig['regression']): Detection {
  const settings = detectorFor(run.suite, config);
  const finish = (d: Omit<Detection, 'regressions'>): Detection => ({
    ...d,
    regressions: d.findings.filter((f) => f.regression),
  });
  if (settings.rule === 'previous') {
    // Today's rule exactly: every metric (unless the suite lists its gating metrics).
    const gated = settings.metrics === 'primary' ? { ...settings, metrics: 'all' as const } : settings;
    const prev = previousComparable(run, runs);
    return finish({
      rule: 'previous',
      settings,
      skipped: 0,
      window: prev ? [prev] : [],
      findings: previousFindings(run, runs, config, gated),
    });
  }
  // Normalising needs this run's speed and the window's: then the window is the calibrated comparable runs only.
  const calibrated = (r: Run) => r.calibration !== undefined && r.calibration.workload === run.calibration?.workload;
  const earlier = earlierRuns(run, runs);
  const normalized =
    settings.normalize === 'speed' &&
    run.calibration !== undefined &&
    windowSplit(earlier.filter(calibrated), settings.window).window.length >= settings.minRuns;
  const { window, skipped } = windowSplit(normalized ? earlier.filter(calibrated) : earlier, settings.window);
  // Warming up (too few runs to know the noise), accepted (--baseline) or measured on a busy machine: shown
  // against what there is; nothing gates.
  const warmingUp = window.length < settings.minRuns;
  const accepted = run.labels.baseline === true;
  const busy = busyMachine(run, window, settings);
  return finish({
    rule: 'mad',
    settings,
    ...(warmingUp ? { warmingUp } : {}),
    ...(accepted ? { accepted } : {}),
    ...(busy ? { busy } : {}),
    skipped,
    window,
    normalized,
    findings: madFindings(run, window, settings, config, normalized, earlier, !accepted && !busy),
  });
}

/**
 * The calibration guard: the machine's speed was timed right after the run (`kb ingest --calibrate`); when it
 * is below `busy` × the median of the window's scores (same workload, at least minRuns of them), the run was
 * measured while something else held the CPU, and its figures say more about the machine than the program.
 */
function busyMachine(run: Run, window: readonly Run[], d: Detector): Detection['busy'] {
  const score = run.calibration?.score;
  if (score === undefined || d.busy <= 0) return undefined;
  const scores = window
    .filter((r) => r.calibration?.workload === run.calibration!.workload)
    .map((r) => r.calibration!.score);
  if (scores.length < d.minRuns) return undefined;
  const usual = median(scores);
  return score < d.busy * usual ? { score, usual } : undefined;
}

/** What a run's stored JSON keeps of its detection (`Run.detection`), read by the runs after it. */
export function storedDetection(d: Detection): StoredDetection {
  return {
    rule: d.rule,
    flagged: d.regressions.length > 0,
    ...(d.busy ? { busy: true } : {}),
    outside: d.accepted
      ? []
      : d.findings.filter((f) => f.outside).map((f) => ({ operation: f.operation, metric: f.metric })),
  };
}

/** One line saying how a detection decided, for pages and summaries. */
export function describeRule(d: Detection): string {
  if (d.rule === 'previous')
    return "previous comparable run and marked baseline, worse by more than the metric's threshold and the reported spread";
  const speed = d.normalized ? '; times scaled to this run’s machine speed' : '';
  if (d.accepted)
    return 'marked --baseline: accepted as the new level, not gating; later runs are compared with the runs from this one on';
  if (d.busy)
    return `machine busy: its speed right after the run was ${Math.round((100 * d.busy.score) / d.busy.usual)} % of the window's usual (below ${Math.round(d.settings.busy * 100)} %), so this run is shown, not judged, and kept out of later windows`;
  if (d.warmingUp)
    return d.window.length === 0
      ? 'mad, warming up: first run of this suite, label and machine, nothing to compare with yet'
      : `mad, warming up: ${d.window.length} earlier comparable run${d.window.length === 1 ? '' : 's'} of the ${d.settings.minRuns} needed to know the noise; shown, not gating${speed}`;
  const confirm =
    d.settings.confirm > 1 ? `; flagged when ${d.settings.confirm} consecutive runs are outside the band` : '';
  const skipped = d.skipped
    ? `; ${d.skipped} flagged or busy run${d.skipped === 1 ? '' : 's'} left out of the window, so a regression does not become the baseline`
    : '';
  return `median ± ${d.settings.z}·MAD (log scale for timings and rates) of the last ${d.window.length} comparable runs (window ${d.settings.window}; same suite, label and machine; at least ${Math.round(d.settings.minChange * 100)} % worse${confirm}${skipped}${speed})`;
}
