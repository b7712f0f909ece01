import { readFile } from 'node:fs/promises';
import { evaluate } from '@mdx-js/mdx';
import { createElement } from 'react';
import * as runtime from 'react/jsx-runtime';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { toReadableMarkdown } from '../ai/markdown.ts';
import { parseMarkdown } from '../core/front-matter.ts';
import { escapeCell, escapeInline } from '../core/markdown-escape.ts';
import type { Operation, Run } from '../ingest/run-schema.ts';
import { parseRuns } from '../ingest/parse-run.ts';
import { serializeMarkdown } from '../core/front-matter.ts';
import { buildRunView } from './pages.ts';
import { planRunPages } from './run-page.ts';
import { planViews, viewMarkdown } from './views.ts';
import { displayValue, verdictText } from './render-summary.ts';
import { scaleSeries } from './series.ts';
import { parseSloTargets, targetApplies } from './slo-targets.ts';
import { summarizeHistory, summarizeRun, summarizeRuns, summarizeScale } from './page-summary.ts';
import { breakingPoints, describeBreakingPoint } from './scale.ts';
import { formatValue } from './units.ts';
import { judgeRun, judgeTarget } from './verdict.ts';

const fixtures = new URL('../../fixtures/', import.meta.url);
const now = new Date('2026-11-26T06:00:00Z');
const { value: parsed } = parseSloTargets(await readFile(new URL('../../slo-targets.yaml', import.meta.url), 'utf8'));
// The repository's targets, with a detector that judges one run on its own (gating from 5 runs, no
// confirmation): this file tests the pages, not the detector's defaults (detect.test.ts does).
const config = parsed && {
  ...parsed,
  regression: { ...parsed.regression, detector: { ...parsed.regression.detector, minRuns: 5, confirm: 1 } },
};

async function fixture(rel: string) {
  return { path: rel.split('/').at(-1)!, bytes: await readFile(new URL(rel, fixtures)) };
}
async function locust(label: string): Promise<Run> {
  const files = await Promise.all(
    ['stats', 'stats_history', 'failures'].map((p) => fixture(`bench-local/locust-${label}_${p}.csv`)),
  );
  return (await parseRuns(files, { suite: 'sample-api', label, now }))[0]!;
}

// Real tool output from fixtures/: a Locust scale series, a k6 run, and a hyperfine baseline (week 1) with a later,
// slower run of the same suite (so the history and the regression have something to show).
const series = await Promise.all(['1x', '10x', '100x'].map(locust));
const k6 = (
  await parseRuns([await fixture('bench-public/k6-handle-summary/petstore-status-checks-summary.json')], {
    suite: 'example-k6-petstore',
    now,
  })
)[0]!;
const hyperfine = await parseRuns([await fixture('bench-local/hyperfine-cli.json')], {
  suite: 'kb-cli',
  week: 1,
  baseline: true,
  now,
});
const base = hyperfine[0]!;
const slower: Run = {
  ...base,
  id: `${base.id}-later`,
  startedAt: '2026-11-27T06:00:00Z',
  labels: { ...base.labels, baseline: false, week: 2 },
  source: { ...base.source, sha256: 'b'.repeat(64) },
  operations: base.operations.map((o) => ({ ...o, latency: { ...o.latency, mean: (o.latency?.mean ?? 0) * 1.5 } })),
};
// The detector gates once its window holds five comparable runs: four steady repeats of the baseline first.
const steady: Run[] = [1, 2, 3, 4].map((n) => ({
  ...base,
  id: `${base.id}-steady-${n}`,
  startedAt: `2026-11-26T${String(6 + n).padStart(2, '0')}:00:00Z`,
  labels: { ...base.labels, baseline: false },
  source: { ...base.source, sha256: String(n).repeat(64) },
}));
const runs = [...series, k6, ...hyperfine, ...steady, slower];
// Run pages as kb ingest writes them, and the report views the site builds (scale test, baseline, history).
const pages = [
  ...planRunPages(runs, config!).filter((p) => p.path.endsWith('.md')),
  ...planViews(runs, config!)
    .filter((v) => v.source.startsWith('reports/') && v.url !== '/reports/benchmarks')
    .map((v) => ({ path: v.source, content: serializeMarkdown(v.frontMatter, viewMarkdown(v)) })),
];

/** The stored number itself, read straight from the run's aggregate operation (not through measure()). */
function stored(run: Run, operation: string, metric: string): number | undefined {
  const op: Operation | undefined =
    operation === 'aggregate'
      ? (run.operations.find((o) => o.aggregate) ?? (run.operations.length === 1 ? run.operations[0] : undefined))
      : run.operations.find((o) => o.name === operation);
  if (metric === 'peakUsers') return Math.max(...(run.timeline ?? []).map((p) => p.users ?? 0));
  if (!op) return undefined;
  if (metric.startsWith('metric:')) return op.metrics?.find((m) => `metric:${m.name}` === metric)?.value;
  if (metric === 'throughput') return op.throughput;
  if (metric === 'errorRate') return op.errorRate ?? (op.count ? (op.errors ?? 0) / op.count : undefined);
  const lat = op.latency as Record<string, number | undefined> | undefined;
  return lat?.[metric] ?? (metric === 'p50' ? lat?.median : undefined);
}

/** The summary block of a generated page: from its `kb-summary` div to the div's end. */
function summaryBlock(content: string): string {
  const start = content.indexOf('<div className="kb-summary">');
  expect(start, 'page has a summary block').toBeGreaterThan(-1);
  const end = content.indexOf('\n## ', start);
  return content.slice(start, end === -1 ? undefined : end);
}
const pageOf = (part: string) => pages.find((p) => p.path.includes(part))!.content;

describe('summary of a single run (k6 fixture)', () => {
  const view = buildRunView(k6, runs, config!);
  const s = summarizeRun(view);

  it('judges every target of the suite, as the verdicts do, and shows each with its own numbers', () => {
    expect(s.verdicts.map((v) => v.verdict)).toEqual(judgeRun(config!.targets, k6));
    const block = summaryBlock(pageOf('example-k6-petstore'));
    for (const { verdict } of s.verdicts) expect(block).toContain(escapeInline(verdictText(verdict)));
    expect(s.counts).toEqual({ pass: 1, fail: 1, notMeasured: 1, regressions: 0 });
  });

  it('headline figures are the stored values, shown as stored', () => {
    expect(s.figures.length).toBeGreaterThanOrEqual(3);
    const block = summaryBlock(pageOf('example-k6-petstore'));
    for (const f of s.figures) {
      expect(f.value, `${f.metric}`).toBe(stored(k6, 'aggregate', f.metric));
      const shown =
        f.target?.value !== undefined ? formatValue(f.target.value, f.target.unit) : displayValue(f.value, f.unit);
      expect(block).toContain(`| ${escapeCell(shown)} |`);
    }
    expect(s.figures.map((f) => f.metric)).toEqual(expect.arrayContaining(['throughput', 'errorRate', 'p95']));
  });

  it('puts the summary before the folded details, and the details hold every table', () => {
    const content = pageOf('example-k6-petstore');
    expect(content.indexOf('kb-summary')).toBeLessThan(content.indexOf('<details'));
    for (const heading of [
      '| operation | count |',
      '| operation | min \\(ms\\) |',
      '| operation | metric |',
      '| target \\(id\\) |',
    ])
      expect(content.indexOf(heading), heading).toBeGreaterThan(content.indexOf('<details'));
  });
});

describe('summary against the baseline (hyperfine fixture, a later run 50 % slower)', () => {
  const view = buildRunView(slower, runs, config!);
  const s = summarizeRun(view);

  it('flags the regression and compares each figure with the baseline run', () => {
    expect(s.regressions.map((r) => r.change.metric)).toContain('mean');
    const mean = s.figures.find((f) => f.metric === 'mean')!;
    expect(mean.operation).toBe(slower.operations[0]!.name);
    expect(mean.value).toBe(stored(slower, mean.operation, 'mean'));
    expect(mean.reference).toMatchObject({ kind: 'baseline', runId: base.id, regression: true });
    expect(mean.reference!.value).toBe(stored(base, mean.operation, 'mean'));
    expect(mean.reference!.relative).toBeCloseTo(0.5, 6);
    expect(summaryBlock(pageOf(slower.id))).toMatch(/\+50 % vs baseline .* ⚠/);
  });

  it('a suite history summarises the newest run, with the trend as its chart', () => {
    // Two Locust 1x runs of one suite (the second a day later): a history with an overall row to draw.
    const first = series[0]!;
    const later: Run = { ...first, id: `${first.id}-later`, startedAt: '2026-11-27T06:00:00Z' };
    const history = [first, later];
    const views = history.map((r) => buildRunView(r, history, config!));
    const h = summarizeHistory(views);
    expect(h.verdicts.map((v) => v.verdict)).toEqual(judgeRun(config!.targets, later));
    expect(h.verdicts.every((v) => v.scope?.startsWith('newest run'))).toBe(true);
    for (const f of h.figures) expect(f.value).toBe(stored(later, f.operation, f.metric));
    expect(h.chart).toMatch(/^<svg[^>]*aria-label="Latency trend/);
  });
});

describe('summary of a scale test (Locust 1x/10x/100x fixtures)', () => {
  const targets = config!.targets.filter((t) => targetApplies(t, 'sample-api'));
  const ordered = scaleSeries('sample-api', runs);
  const s = summarizeScale(ordered, targets, breakingPoints(targets, ordered), describeBreakingPoint);
  const heaviest = ordered.at(-1)!;

  it('shows each target at the heaviest load that measures it, with where it breaks', () => {
    expect(s.verdicts.map((v) => v.verdict.target)).toEqual(targets.map((t) => t.id));
    for (const v of s.verdicts)
      expect(v.verdict).toEqual(judgeTarget(targets.find((t) => t.id === v.verdict.target)!, heaviest));
    expect(s.verdicts.find((v) => v.verdict.target === 'api-p99')!.note).toBe('breaks at 10x (holds at 1x)');
    const block = summaryBlock(pageOf('sample-api-scale-test'));
    expect(block).toContain(escapeInline('breaks at 10x (holds at 1x)'));
  });

  it('figures are the 100x run stored values, against the 1x run', () => {
    for (const f of s.figures) {
      expect(f.value, f.metric).toBe(stored(heaviest, f.operation, f.metric));
      expect(f.reference?.value, f.metric).toBe(stored(ordered[0]!, f.operation, f.metric));
    }
  });
});

describe('summary of a weekly baseline (hyperfine fixture, week 1)', () => {
  it('lists every baseline run verdict, named by its run', () => {
    const views = hyperfine.map((r) => buildRunView(r, runs, config!));
    const s = summarizeRuns(views);
    expect(s.verdicts.map((v) => v.verdict)).toEqual(views.flatMap((v) => v.verdicts));
    const block = summaryBlock(pageOf('week-1-performance-baseline'));
    for (const v of s.verdicts) expect(block).toContain(escapeInline(verdictText(v.verdict)));
  });
});

describe('every report page: MDX renders, details fold, the .md mirror keeps every table in full', async () => {
  const server = 'react-dom/server';
  const { renderToStaticMarkup } = (await import(server)) as { renderToStaticMarkup: (el: unknown) => string };
  const reportPages = pages.filter((p) => p.path.startsWith('reports/'));

  it.each(reportPages.map((p) => [p.path, p.content]))('%s', async (_path, content) => {
    const { body } = parseMarkdown(content);
    const html = renderToStaticMarkup(
      createElement(
        (await evaluate(body, { ...runtime, remarkPlugins: [remarkGfm] } as Parameters<typeof evaluate>[1])).default,
      ),
    );
    // The summary comes first, the detail tables sit inside <details>.
    expect(html.indexOf('kb-verdicts')).toBeGreaterThan(-1);
    expect(html.indexOf('kb-verdicts')).toBeLessThan(html.indexOf('<details'));
    const outside = html.replace(/<details[\s\S]*?<\/details>/g, '');
    expect((html.match(/<table/g) ?? []).length).toBeGreaterThan((outside.match(/<table/g) ?? []).length);
    // The mirror: every table row of the source, no fold markup.
    const mirror = toReadableMarkdown(body, true);
    const rows = (text: string) => text.split('\n').filter((l) => /^\s*\|/.test(l)).length;
    expect(rows(mirror)).toBe(rows(body));
    expect(mirror).not.toMatch(/<\/?(details|summary|div)/);
    const lines = body.split('\n');
    const headers = lines.filter((l, i) => l.startsWith('|') && /^\| -/.test(lines[i + 1] ?? ''));
    expect(headers.length).toBeGreaterThan(0);
    const flat = mirror.replace(/ +/g, ' ');
    for (const header of headers)
      for (const cell of header.split('|').slice(1, -1)) expect(flat).toContain(cell.trim().replace(/\\/g, ''));
  });
});
