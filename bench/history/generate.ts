/**
 * A benchmark history at scale: `suites` suites × `runs` runs each, shaped
 * like real k6, hyperfine and Locust output. Each run is a stored run of this
 * repository (the example k6 and hyperfine runs, the Locust sample-api runs)
 * with its timing moved on by an hour and its figures varied by seeded noise
 * and a slow drift, and its own report page as `kb ingest` would have written
 * it. Pure apart from the files it writes.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Run } from '../../scripts/ingest/run-schema.ts';
import { planRunPages } from '../../scripts/report/run-page.ts';
import type { SloConfig } from '../../scripts/report/slo-targets.ts';
import { parseStoredRun, runFilePath, serializeRun } from '../../scripts/report/store.ts';

export const templates = {
  k6: 'benchmarks/example-k6-petstore-20261126t061056.json',
  hyperfine: 'benchmarks/example-hyperfine-cli-20261126t061021.json',
  locust: 'benchmarks/sample-api-20261126t043048-1x.json',
} as const;
export type Shape = keyof typeof templates;

/** mulberry32: a small seeded generator, so every bench KB is the same. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').slice(0, 15).toLowerCase();

function scaleLatency(latency: Record<string, number | undefined> | undefined, f: number) {
  if (!latency) return latency;
  return Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, v === undefined ? v : v * f]));
}

/** Run `i` of a suite: the template moved to its hour, figures varied; Locust suites cycle 1x/10x/100x. */
export function syntheticRun(template: Run, shape: Shape, suite: string, i: number, next: () => number): Run {
  const startedAt = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
  const load = shape === 'locust' ? ([1, 10, 100] as const)[i % 3] : undefined;
  const label = load ? `${load}x` : undefined;
  const drift = 1 + i / 5000;
  const noise = () => drift * (1 + (next() - 0.5) * 0.12);
  const id = [suite, stamp(startedAt), label].filter(Boolean).join('-');
  return {
    ...template,
    id,
    suite,
    startedAt,
    ingestedAt: startedAt,
    source: { files: [`ci/${suite}/${i}.json`], sha256: (i + 1).toString(16).padStart(64, '0') },
    labels: { ...(label ? { label, loadMultiple: load } : {}) },
    environment: { machine: 'bench:history synthetic' },
    operations: template.operations.map((o) => {
      const f = noise() * (load ? Math.sqrt(load) : 1);
      return {
        ...o,
        ...(o.latency ? { latency: scaleLatency(o.latency, f) as typeof o.latency } : {}),
        ...(o.throughput !== undefined ? { throughput: (o.throughput * (load ?? 1)) / noise() } : {}),
        ...(o.count !== undefined ? { count: Math.round(o.count * (load ?? 1)) } : {}),
        ...(o.metrics ? { metrics: o.metrics.map((m) => ({ ...m, value: m.value * noise() })) } : {}),
      };
    }),
  };
}

export async function loadTemplates(projectRoot: string): Promise<Record<Shape, Run>> {
  const entries = await Promise.all(
    Object.entries(templates).map(async ([shape, file]) => {
      const run = parseStoredRun(await fs.readFile(path.join(projectRoot, file), 'utf8'), file);
      return [shape, run] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Shape, Run>;
}

export const shapeOf = (s: number): Shape => (['k6', 'hyperfine', 'locust'] as const)[s % 3]!;

/**
 * Writes `suites` × `runs` stored runs and their report pages under `root`
 * (benchmarks/, reports/). Returns how many files it wrote.
 */
export async function generateHistory(
  root: string,
  projectRoot: string,
  config: SloConfig,
  options: { suites: number; runs: number; seed: number; pages: boolean },
): Promise<{ runs: number; pages: number }> {
  const tpl = await loadTemplates(projectRoot);
  const next = random(options.seed);
  let pages = 0;
  await fs.mkdir(path.join(root, 'benchmarks'), { recursive: true });
  await fs.mkdir(path.join(root, 'reports/runs'), { recursive: true });
  for (let s = 0; s < options.suites; s++) {
    const shape = shapeOf(s);
    const suite = `hist-${shape}-${String(s).padStart(2, '0')}`;
    const runs = Array.from({ length: options.runs }, (_, i) => syntheticRun(tpl[shape], shape, suite, i, next));
    await Promise.all(runs.map((r) => fs.writeFile(path.join(root, runFilePath(r)), serializeRun(r))));
    if (options.pages) {
      const planned = planRunPages(runs, config);
      await Promise.all(planned.map((p) => fs.writeFile(path.join(root, p.path), p.content)));
      pages += planned.length;
    }
  }
  return { runs: options.suites * options.runs, pages };
}
