import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.ts';
import { detectRegressions } from './detect.ts';
import type { IngestedRun } from './ingest.ts';
import type { SloConfig } from './slo-targets.ts';
import { pageUrl, renderCiSummary, siteUrlFromConfig } from './summary.ts';
import { makeRun, op } from './test-runs.ts';

// One run judged on its own (gating from 5 runs, no confirmation): this file tests the summary, not the detector's defaults.
const config: SloConfig['regression'] = {
  threshold: 0.1,
  metrics: {},
  detector: { minRuns: 5, confirm: 1 },
  suites: {},
};
const hostile = 'GET /a|b `x` <script>alert(1)</script> [l](javascript:x) **b**\n| --- |';

function series(values: number[], name = hostile) {
  return values.map((p99, i) =>
    makeRun({
      suite: 'api',
      id: `api-${String(i).padStart(3, '0')}`,
      startedAt: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(),
      labels: { label: '10x' },
      operations: [op(name, { aggregate: true, latency: { p99, p50: 10 }, throughput: 100, errorRate: 0 })],
    }),
  );
}

function ingested(run: ReturnType<typeof series>[number], history: ReturnType<typeof series>): IngestedRun {
  const detection = detectRegressions(run, history, config);
  return { run, status: 'stored', verdicts: [], detection, regressions: detection.regressions };
}

/** Table rows of the Markdown as GFM parses it (cell texts). */
function tableRows(md: string): string[][] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as unknown as {
    children: { type: string; children: { children: { children: { value?: string }[] }[] }[] }[];
  };
  const t = tree.children.find((n) => n.type === 'table');
  return (t?.children ?? []).map((row) => row.children.map((cell) => cell.children.map((c) => c.value ?? '').join('')));
}

describe('renderCiSummary', () => {
  const history = series([100, 102, 98, 101, 99, 103, 100]);
  const slow = series([100, 102, 98, 101, 99, 103, 100, 140]).at(-1)!;

  it('lists each gated metric with value, baseline, change, band and verdict; links the run page', () => {
    const md = renderCiSummary([ingested(slow, history)], { siteUrl: 'https://kb.example.org/docs/' });
    expect(md).toMatch(/^## Benchmark results: ❌ 1 regression\n/);
    expect(md).toContain('(https://kb.example.org/docs/reports/runs/api-007)');
    expect(md).toContain('Rule: median ± 3.5·MAD \\(log scale for timings and rates\\) of the last 7 comparable runs');
    const rows = tableRows(md);
    expect(rows[0]).toEqual(['operation', 'metric', 'value', 'baseline', 'change', 'noise band', 'verdict']);
    const p99 = rows.find((r) => r[1] === 'p99')!;
    expect(p99.slice(2, 5)).toEqual(['140 ms', '100 ms (median of 7)', '+40 %']);
    expect(p99[6]).toBe('❌ regression');
    expect(rows.find((r) => r[1] === 'p50')![6]).toBe('same');
  });

  it('keeps hostile tool text inside its cell: one table, seven cells a row, no raw HTML or links', () => {
    const md = renderCiSummary([ingested(slow, history)]);
    const rows = tableRows(md);
    expect(rows.every((r) => r.length === 7)).toBe(true);
    expect(rows[1]![0]).toContain('GET /a|b `x` <script>');
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/\]\(javascript:/);
  });

  it('says so when nothing could be compared yet, and passes a clean run', () => {
    expect(renderCiSummary([ingested(series([100])[0]!, [])])).toContain('No gated metric could be compared yet');
    const clean = series([100, 102, 98, 101, 99, 103, 100, 101]).at(-1)!;
    expect(renderCiSummary([ingested(clean, history)])).toMatch(/^## Benchmark results: ✅ no regression/);
  });

  it('reads the site URL from the Docusaurus config literals', () => {
    expect(siteUrlFromConfig("  url: 'https://kb.sophia.example',\n  baseUrl: '/kb/',")).toBe(
      'https://kb.sophia.example/kb/',
    );
    expect(siteUrlFromConfig('url: process.env.URL')).toBeUndefined();
    expect(pageUrl(undefined, '/reports/x')).toBe('/reports/x');
  });
});

describe('kb ingest --summary', () => {
  let dir: string;
  const generic = (value: number) => JSON.stringify([{ name: 'render|x', unit: 'ms', value }]);
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-summary-'));
    await fs.writeFile(path.join(dir, 'slo-targets.yaml'), 'version: 1\ntargets: []\n');
    await fs.writeFile(
      path.join(dir, 'docusaurus.config.ts'),
      "export default { url: 'https://kb.test', baseUrl: '/' };\n",
    );
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function ingest(value: number, extra: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
    const f = path.join(dir, `in-${value}.json`);
    await fs.writeFile(f, generic(value));
    const out = process.stdout.write.bind(process.stdout);
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      return await main(['ingest', f, '--suite', 'g', '--label', String(value), '--root', dir, ...extra], {
        cwd: dir,
        env,
      });
    } finally {
      process.stdout.write = out;
    }
  }

  it('appends to FILE (never overwrites), with links from the site config or --site-url', async () => {
    const file = path.join(dir, 'summary.md');
    await fs.writeFile(file, 'earlier step\n');
    expect(await ingest(10, ['--summary', file])).toBe(0);
    expect(await ingest(11, ['--summary', file, '--site-url', 'https://ci.example/kb/'])).toBe(0);
    const text = await fs.readFile(file, 'utf8');
    expect(text.startsWith('earlier step\n## Benchmark results')).toBe(true);
    expect(text).toMatch(/\(https:\/\/kb\.test\/reports\/runs\/g-\d{8}t\d{6}-10\)/);
    expect(text).toMatch(/\(https:\/\/ci\.example\/kb\/reports\/runs\/g-\d{8}t\d{6}-11\)/);
  });

  it('"-" appends to $GITHUB_STEP_SUMMARY when it is set', async () => {
    const file = path.join(dir, 'step.md');
    expect(await ingest(10, ['--summary', '-'], { GITHUB_STEP_SUMMARY: file })).toBe(0);
    expect(await fs.readFile(file, 'utf8')).toMatch(/^## Benchmark results: ✅ no regression/);
  });

  it('rejects a --site-url that is not http(s), writing nothing', async () => {
    let err = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    try {
      expect(await ingest(10, ['--summary', '-', '--site-url', 'javascript:alert(1)'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err).toMatch(/--site-url/);
    expect((await fs.readdir(dir)).sort()).toEqual(['docusaurus.config.ts', 'in-10.json', 'slo-targets.yaml']);
  });
});
