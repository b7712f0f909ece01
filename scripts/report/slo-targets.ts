import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { KbError } from '../core/errors.ts';
import { layout } from '../core/project.ts';
import { targetUnitNames, targetUnits, type TargetUnit } from './units.ts';

/**
 * `slo-targets.yaml`: what the programme promises, and which measurement of
 * which suite judges each promise. Validated into `{value, warnings, errors}`
 * so a command can print every problem at once.
 */
export const comparisons = ['<', '<=', '>', '>='] as const;
export type Comparison = (typeof comparisons)[number];

/** Metric keys a target or a regression threshold can name (see metrics.ts). */
export const builtinMetrics = [
  'min',
  'mean',
  'median',
  'p50',
  'p75',
  'p90',
  'p95',
  'p99',
  'p999',
  'max',
  'throughput',
  'errorRate',
  'count',
  'errors',
  'peakUsers',
  'durationMs',
] as const;
const metricKey = z.union([z.enum(builtinMetrics), z.string().regex(/^metric:.+/)]);

const targetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    title: z.string().min(1),
    /** Where the promise comes from (plan section), shown on the scorecard. */
    source: z.string().optional(),
    /** Suites this target judges; `*` globs allowed. Empty: nothing measures it yet. */
    suites: z.array(z.string().min(1)).default([]),
    /** Operation name, or `aggregate` (the tool's overall row, or the only operation). */
    operation: z.string().min(1).default('aggregate'),
    metric: metricKey,
    comparison: z.enum(comparisons),
    value: z.number().finite(),
    unit: z.enum(targetUnitNames as [TargetUnit, ...TargetUnit[]]),
    /** Why it is not measured yet, or how to read it. */
    note: z.string().optional(),
  })
  .strict();
export type SloTarget = z.infer<typeof targetSchema>;

const thresholdSchema = z
  .object({
    /** Relative worsening that counts as a regression (0.1 = 10 % worse). */
    threshold: z.number().positive().optional(),
    /** Smallest absolute worsening (in the run's unit) that can count. */
    minDelta: z.number().nonnegative().optional(),
  })
  .strict();
export type RegressionThreshold = z.infer<typeof thresholdSchema>;

/** Regression rules by name (see detect.ts): `mad` (window median ± k·MAD), `previous` (the single previous run, kb ≤ 0.1). */
export const detectorRules = ['mad', 'previous'] as const;
export type DetectorRule = (typeof detectorRules)[number];

/** How a suite decides "regression"; every field optional, resolved over the defaults in detect.ts. */
const detectorSchema = z
  .object({
    rule: z.enum(detectorRules).optional(),
    /** How many earlier comparable runs form the baseline (mad). */
    window: z.number().int().min(3).max(500).optional(),
    /** Fewer comparable runs than this: the window is too short to judge noise; findings are shown, nothing gates (warming up). */
    minRuns: z.number().int().min(2).optional(),
    /** Modified z-score above which a worse value is flagged (mad; 3.5 is Iglewicz–Hoaglin's outlier rule). */
    z: z.number().positive().optional(),
    /** Consecutive comparable runs a metric must be outside the band in before it is flagged (1 = at once; 2 = the next run confirms). */
    confirm: z.number().int().min(1).max(5).optional(),
    /** Calibration guard: a run whose machine speed (--calibrate) is below this share of the window's usual is not judged (0 = off). */
    busy: z.number().min(0).max(1).optional(),
    /** Smallest relative worsening that can be flagged, whatever the noise (0.05 = 5 %). */
    minChange: z.number().nonnegative().optional(),
    /** `speed`: scale each window run's time-like values by its calibration score relative to this run's (runs ingested with --calibrate); `none`: raw values. */
    normalize: z.enum(['none', 'speed']).optional(),
    /** Metrics that gate (`primary` = latency mean/percentiles, throughput, error rate and tool metrics that are not counts, bytes or user/system time). */
    metrics: z.union([z.literal('primary'), z.literal('all'), z.array(metricKey).min(1)]).optional(),
  })
  .strict();
export type DetectorSettings = z.infer<typeof detectorSchema>;

export const sloConfigSchema = z
  .object({
    version: z.literal(1),
    regression: z
      .object({
        /** Relative worsening the `previous` rule flags (0.1 = 10 %). */
        threshold: z.number().positive().default(0.1),
        metrics: z.record(z.string(), thresholdSchema).default({}),
        /** The detector every suite uses unless `suites` says otherwise. */
        detector: detectorSchema.default({}),
        /** Per-suite detector settings: suite glob → settings (first match wins, over `detector`). */
        suites: z.record(z.string(), detectorSchema).default({}),
      })
      .strict()
      .default({ threshold: 0.1, metrics: {}, detector: {}, suites: {} }),
    targets: z.array(targetSchema),
  })
  .strict();
export type SloConfig = z.infer<typeof sloConfigSchema>;

export interface ConfigIssue {
  file: string;
  field: string;
  message: string;
  hint: string;
}

export interface Validated<T> {
  value?: T;
  warnings: ConfigIssue[];
  errors: ConfigIssue[];
}

function hintFor(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  if (field.endsWith('unit')) return `use one of ${Object.keys(targetUnits).join(', ')}`;
  if (field.endsWith('comparison')) return `use one of ${comparisons.join(' ')}`;
  if (field.endsWith('metric')) return `use one of ${builtinMetrics.join(', ')} or metric:<name>`;
  if (/^regression\.(detector|suites\.[^.]+)\.rule$/.test(field)) return `use one of ${detectorRules.join(', ')}`;
  if (/^regression\.(detector|suites\.[^.]+)\.metrics/.test(field))
    return `use primary, all, or a list of ${builtinMetrics.join(', ')} or metric:<name>`;
  if (issue.code === 'unrecognized_keys') return 'remove the key or fix its spelling';
  return 'fix the value (see the comment at the top of slo-targets.yaml)';
}

/**
 * The data of a targets file. js-yaml first, with the YAML 1.2 core schema (the `yaml` package's default):
 * on `kb ingest`'s path it reads the file in about a quarter of the time `yaml`'s document parser takes
 * (10 ms against 44 ms cold, bench:history's 9 KB file). Text js-yaml refuses goes to `yaml`, whose errors
 * carry the line the message names (slo-targets.test.ts checks both agree on what they both read).
 */
function readYaml(text: string, file: string): { data: unknown } | { error: ConfigIssue } {
  try {
    // An empty file is null, as `yaml` reads it.
    return { data: load(text, { schema: CORE_SCHEMA }) ?? null };
  } catch {
    const doc = parseDocument(text, { prettyErrors: false });
    const first = doc.errors[0];
    if (!first) return { data: doc.toJS() };
    return {
      error: {
        file,
        field: `line ${(first.linePos?.[0]?.line ?? 0) + 1}`,
        message: `YAML does not parse: ${first.message.split('\n')[0]}`,
        hint: 'fix the YAML syntax',
      },
    };
  }
}

/** Parses and validates the YAML text of a targets file. */
export function parseSloTargets(text: string, file = layout.sloTargets): Validated<SloConfig> {
  const yaml = readYaml(text, file);
  if ('error' in yaml) return { warnings: [], errors: [yaml.error] };
  const parsed = sloConfigSchema.safeParse(yaml.data);
  if (!parsed.success) {
    return {
      warnings: [],
      errors: parsed.error.issues.map((issue) => ({
        file,
        field: issue.path.join('.') || '(root)',
        message: issue.message,
        hint: hintFor(issue),
      })),
    };
  }
  const warnings: ConfigIssue[] = [];
  const errors: ConfigIssue[] = [];
  const seen = new Set<string>();
  parsed.data.targets.forEach((t, i) => {
    if (seen.has(t.id))
      errors.push({
        file,
        field: `targets.${i}.id`,
        message: `duplicate target id "${t.id}"`,
        hint: 'give every target its own id',
      });
    seen.add(t.id);
    const canonical = targetUnits[t.unit].canonical;
    const expected = expectedCanonical(t.metric);
    if (expected && expected !== canonical) {
      errors.push({
        file,
        field: `targets.${i}.unit`,
        message: `unit ${t.unit} cannot measure ${t.metric} (${expected})`,
        hint: `use a unit of ${expected}`,
      });
    }
    if (t.suites.length === 0 && !t.note) {
      warnings.push({
        file,
        field: `targets.${i}.suites`,
        message: `target ${t.id} names no suite, so it is never measured`,
        hint: 'add suites, or a note saying why',
      });
    }
  });
  return errors.length > 0 ? { warnings, errors } : { value: parsed.data, warnings, errors };
}

/** The normalized unit a built-in metric is measured in (metric:<name> carries its own). */
export function expectedCanonical(metric: string): string | undefined {
  if (metric === 'throughput') return 'rps';
  if (metric === 'errorRate') return 'ratio';
  if (metric === 'count' || metric === 'errors') return 'count';
  if (metric === 'peakUsers') return 'users';
  if (metric.startsWith('metric:')) return undefined;
  return 'ms';
}

/** Reads `slo-targets.yaml` from a project root; a bad file is one INVALID_CONFIG error naming file, field and fix. */
export async function loadSloTargets(root: string): Promise<{ config: SloConfig; warnings: ConfigIssue[] }> {
  const file = path.join(root, layout.sloTargets);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new KbError('NOT_FOUND', 'SLO targets file is missing', {
      file: layout.sloTargets,
      hint: 'create slo-targets.yaml at the project root (see scripts/report/README.md)',
    });
  }
  const result = parseSloTargets(text);
  const first = result.errors[0];
  if (!result.value || first) {
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
    throw new KbError('INVALID_CONFIG', `${first?.message ?? 'invalid'}${more}`, {
      file: first?.file,
      field: first?.field,
      hint: first?.hint,
    });
  }
  return { config: result.value, warnings: result.warnings };
}

/** Compiled suite globs: a build judges 10,000 runs against every target (1 s compiling the same few). */
const suiteGlobs = new Map<string, RegExp>();

/** `*` glob match for suite names. */
export function suiteMatches(pattern: string, suite: string): boolean {
  let re = suiteGlobs.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
        .join('.*')}$`,
    );
    suiteGlobs.set(pattern, re);
  }
  return re.test(suite);
}

export function targetApplies(target: SloTarget, suite: string): boolean {
  return target.suites.some((p) => suiteMatches(p, suite));
}
