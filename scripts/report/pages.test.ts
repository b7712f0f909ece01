import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildRunView, RUN_TREND_WINDOW } from './pages.ts';
import { planRunPages } from './run-page.ts';
import { parseRunPageHtml } from './run-page-format.ts';
import { parseSloTargets } from './slo-targets.ts';
import { makeRun, op } from './test-runs.ts';

describe('planRunPages', async () => {
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

  it('is deterministic whatever order the runs come in, and plans run pages only', () => {
    const a = planRunPages(runs, config!);
    const b = planRunPages([...runs].reverse(), config!);
    expect(b).toEqual(a);
    // Two files per run: the Markdown and the article HTML the site serves at /reports/runs/<id>.
    expect(a.map((p) => p.path)).toEqual(
      ['1x', '10x', '100x'].flatMap((l) => [`reports/runs/sample-api-${l}.md`, `reports/runs/sample-api-${l}.html`]),
    );
    const html = parseRunPageHtml(a[1]!.content)!;
    expect(html.meta).toMatchObject({ url: '/reports/runs/sample-api-1x', source: 'reports/runs/sample-api-1x.md' });
    expect(html.meta.frontMatter).toMatchObject({
      kind: 'benchmark-report',
      suite: 'sample-api',
      run: 'sample-api-1x',
    });
    expect(html.article).toMatch(/^<header><h1>sample api 1x — 26 Nov 2026: /);
    expect(html.article).toContain('<svg');
  });

  it('never turns tool URLs into links and shows missing statistics as —', () => {
    const [md, html] = planRunPages(runs, config!).filter((p) => p.path.includes('sample-api-1x'));
    expect(md!.content).toContain('http&#58;//x.test/a');
    expect(md!.content).toMatch(/\| — \|/);
    expect(html!.content).not.toMatch(/<a href="http/);
    expect(html!.content).toContain('<td>—</td>');
  });

  it('renders a run page the same however many runs come after it (immutable pages)', () => {
    const series = Array.from({ length: RUN_TREND_WINDOW + 10 }, (_, i) =>
      makeRun({
        suite: 'api',
        id: `api-${String(i).padStart(3, '0')}`,
        startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        operations: [op('Aggregated', { aggregate: true, latency: { p99: 40 + (i % 7) }, throughput: 100 })],
      }),
    );
    const pageOf = (all: typeof series, id: string) => planRunPages(all, config!).filter((p) => p.path.includes(id));
    const early = pageOf(series.slice(0, 5), 'api-004');
    expect(pageOf(series, 'api-004')).toEqual(early);
    // The trend of a late run shows a window of the runs before it, not the whole history.
    const last = series.at(-1)!;
    const history = buildRunView(last, series, config!).history.map((r) => r.id);
    expect(history).toHaveLength(RUN_TREND_WINDOW);
    expect(history.at(-1)).toBe(last.id);
    expect(buildRunView(series[3]!, series, config!).history.map((r) => r.id)).toEqual([
      'api-000',
      'api-001',
      'api-002',
      'api-003',
    ]);
  });
});
