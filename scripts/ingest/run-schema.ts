import { z } from 'zod';

/**
 * The normalized benchmark run: one JSON file per ingested run in
 * `benchmarks/`, the single source for report pages, trends and SLO verdicts.
 *
 * Units are normalized: every duration is in milliseconds, every rate is per
 * second, every error rate is a ratio (0.001 = 0.1 %). A statistic the tool
 * did not report is absent, never 0.
 */
export const RUN_SCHEMA_VERSION = 1 as const;

export const toolNames = [
  'k6',
  'locust',
  'pytest-benchmark',
  'hyperfine',
  'lighthouse',
  'autocannon',
  'wrk',
  'google-benchmark',
  'generic',
] as const;
export type ToolName = (typeof toolNames)[number];

/** Input formats the adapters detect; one tool may have several. */
export const formatIds = [
  'k6-summary-export',
  'k6-handle-summary',
  'k6-ndjson',
  'locust-csv',
  'locust-json',
  'pytest-benchmark',
  'hyperfine',
  'lighthouse',
  'autocannon',
  'wrk',
  'google-benchmark',
  'generic-smaller-is-better',
  'generic-bigger-is-better',
  // Added (ingest): github-action-benchmark's data.js history file; it yields several runs.
  'github-action-benchmark-datajs',
] as const;
export type FormatId = (typeof formatIds)[number];

export const directions = ['lower', 'higher'] as const;
export type Direction = (typeof directions)[number];

const nonNegative = z.number().finite().nonnegative();

/** Latency statistics in ms. Percentile keys are `p` + the percentile with the dot removed (p999 = 99.9th). */
export const latencySchema = z
  .object({
    min: nonNegative.optional(),
    mean: nonNegative.optional(),
    median: nonNegative.optional(),
    p50: nonNegative.optional(),
    p75: nonNegative.optional(),
    p90: nonNegative.optional(),
    p95: nonNegative.optional(),
    p99: nonNegative.optional(),
    p999: nonNegative.optional(),
    max: nonNegative.optional(),
    stddev: nonNegative.optional(),
  })
  .strict();
export type Latency = z.infer<typeof latencySchema>;
export const latencyStats = Object.keys(latencySchema.shape) as (keyof Latency)[];

/** Any other measured quantity: a Lighthouse score, a B/op, a generic benchmark value. */
export const metricSchema = z
  .object({
    name: z.string().min(1),
    /** Normalized unit: 'ms', 'rps', 'ratio', 'score', 'bytes', 'count', or the tool's own unit when none applies. */
    unit: z.string().min(1),
    value: z.number().finite(),
    direction: z.enum(directions),
    /** The spread the tool reports for this value (± in the same unit), used for noise-aware regression checks. */
    range: nonNegative.optional(),
  })
  .strict();
export type Metric = z.infer<typeof metricSchema>;

export const operationSchema = z
  .object({
    /** Endpoint, benchmark, command or page name exactly as the tool printed it (escape when rendering!). */
    name: z.string(),
    /** e.g. 'GET', 'POST', 'grpc', 'command', 'page', 'function'. */
    kind: z.string().optional(),
    /** True for the tool's own overall row (Locust "Aggregated", k6 overall http_req_duration). */
    aggregate: z.boolean().optional(),
    count: nonNegative.optional(),
    errors: nonNegative.optional(),
    errorRate: z.number().finite().min(0).max(1).optional(),
    /** Requests (or iterations) per second. */
    throughput: nonNegative.optional(),
    latency: latencySchema.optional(),
    metrics: z.array(metricSchema).optional(),
  })
  .strict();
export type Operation = z.infer<typeof operationSchema>;

/** One point of a time series the tool reported (Locust stats history, k6 NDJSON per-second buckets). */
export const timelinePointSchema = z
  .object({
    /** Seconds since the run's startedAt (documented by ingest; the first point is usually 0). */
    t: z.number().finite(),
    users: nonNegative.optional(),
    throughput: nonNegative.optional(),
    errorRate: z.number().finite().min(0).max(1).optional(),
    p50: nonNegative.optional(),
    p95: nonNegative.optional(),
    p99: nonNegative.optional(),
  })
  .strict();

export const checkSchema = z
  .object({
    name: z.string(),
    passes: nonNegative,
    fails: nonNegative,
  })
  .strict();

export const thresholdSchema = z
  .object({
    metric: z.string(),
    expression: z.string(),
    ok: z.boolean(),
  })
  .strict();

/**
 * The machine that ran the benchmark, recorded by `kb ingest` (runs stored
 * before it existed have none). Regression detection compares a run only with
 * runs of the same fingerprint: machine + tool + tool version.
 */
export const machineSchema = z
  .object({
    /** CPU model as the OS reports it (`os.cpus()[0].model`). */
    cpu: z.string(),
    cores: z.number().int().positive(),
    /** `os.platform()` and `os.release()`, e.g. "linux 6.1.0". */
    os: z.string(),
    arch: z.string(),
  })
  .strict();
export type Machine = z.infer<typeof machineSchema>;

/** The machine's speed when the run was ingested (`kb ingest --calibrate`, scripts/report/calibrate.ts). */
export const calibrationSchema = z
  .object({
    /** Which fixed workload was timed; scores of different workloads are not comparable. */
    workload: z.string(),
    /** Work units per millisecond: higher = the machine was faster (less busy). */
    score: z.number().finite().positive(),
  })
  .strict();
export type Calibration = z.infer<typeof calibrationSchema>;

/**
 * What the regression detector said when the run was stored (`kb ingest`):
 * later runs read it, so a flagged run stays out of their baseline window and
 * a metric outside the noise band can be confirmed by the next run.
 */
export const storedDetectionSchema = z
  .object({
    rule: z.string(),
    /** At least one gated metric was a regression: this run gated (exit 3 with --fail-on-regression). */
    flagged: z.boolean(),
    /** Measured on a busy machine (calibration guard): not judged, left out of later windows. */
    busy: z.boolean().optional(),
    /** Gated metrics worse than the noise band (confirmed or not). */
    outside: z.array(z.object({ operation: z.string(), metric: z.string() }).strict()),
  })
  .strict();
export type StoredDetection = z.infer<typeof storedDetectionSchema>;

export const runSchema = z
  .object({
    schemaVersion: z.literal(RUN_SCHEMA_VERSION),
    /** Stable id: `<suite>-<startedAt or ingestedAt as YYYYMMDDTHHmmss>-<label?>`, also the file name. */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    suite: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    tool: z.object({ name: z.enum(toolNames), version: z.string().optional() }).strict(),
    format: z.enum(formatIds),
    /** When the run happened (from the tool output), ISO 8601. */
    startedAt: z.string().datetime({ offset: true }).optional(),
    durationMs: nonNegative.optional(),
    ingestedAt: z.string().datetime({ offset: true }),
    source: z.object({ files: z.array(z.string()).min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    labels: z
      .object({
        /** Free label from --label, e.g. '10x' or 'nightly'. */
        label: z.string().optional(),
        /** Load multiple parsed from a label like '10x' (10). */
        loadMultiple: z.number().positive().optional(),
        week: z.number().int().min(1).max(12).optional(),
        baseline: z.boolean().optional(),
        /** Example runs ingested from public fixtures say so. */
        example: z.boolean().optional(),
      })
      .strict(),
    /**
     * Host, OS, CPU, runtime and tool settings as the tool reported them (kebab-case keys).
     * Ingest adds `source-encoding` when the input was not UTF-8 and was decoded with a fallback.
     */
    environment: z.record(z.string(), z.string()),
    /** Where it ran (optional: older runs and hand-made runs have none). */
    machine: machineSchema.optional(),
    calibration: calibrationSchema.optional(),
    detection: storedDetectionSchema.optional(),
    operations: z.array(operationSchema),
    timeline: z.array(timelinePointSchema).optional(),
    checks: z.array(checkSchema).optional(),
    thresholds: z.array(thresholdSchema).optional(),
  })
  .strict();

export type Run = z.infer<typeof runSchema>;
