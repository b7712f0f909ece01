import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { planReportPages } from './pages.ts';
import { parseSloTargets } from './slo-targets.ts';
import { makeRun, op } from './test-runs.ts';

describe('planReportPages', async () => {
  const { value: config } = parseSloTargets(await readFile(new URL('../../slo-targets.yaml', import.meta.url), 'utf8'));
  const runs = ['1x', '10x', '100x'].map((label, i) =>
    makeRun({
      suite: 'sample-api',
      startedAt: `2026-11-26T0${i}:00:00Z`,
      labels: { label, loadMultiple: Number.parseInt(label, 10) },
      id: `sample-api-${label}`,
      operations: [
        op('Aggregated', { aggregate: true, latency: { p99: 50 * 10 ** i }, throughput: 10 * (i + 1), errorRate: 0 }),
        op('http://x.test/a', { latency: { p95: 10 } }),
      ],
    }),
  );

  it('is deterministic whatever order the runs come in', () => {
    const a = planReportPages(runs, config!);
    const b = planReportPages([...runs].reverse(), config!);
    expect(b).toEqual(a);
    expect(a.map((p) => p.path)).toContain('reports/2026-11-26-sample-api-scale-test.mdx');
    expect(a.map((p) => p.path)).toContain('docs/slos/scorecard.mdx');
  });

  it('never turns tool URLs into links and shows missing statistics as —', () => {
    const page = planReportPages(runs, config!).find((p) => p.path.includes('sample-api-1x'))!.content;
    expect(page).toContain('http&#58;//x.test/a');
    expect(page).toMatch(/\| — \|/);
  });
});
