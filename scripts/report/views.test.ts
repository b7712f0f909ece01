import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseSloTargets } from './slo-targets.ts';
import { makeRun, op } from './test-runs.ts';
import { htmlTable, linkCell, table } from './markdown.ts';
import { CHART_STYLE } from './svg.ts';
import { downsample, HISTORY_POINTS, historyPointsPerLabel, planViews, viewHtml, viewMarkdown } from './views.ts';

const { value: config } = parseSloTargets(await readFile(new URL('../../slo-targets.yaml', import.meta.url), 'utf8'));

const series = (suite: string, n: number, label?: string) =>
  Array.from({ length: n }, (_, i) =>
    makeRun({
      suite,
      id: `${suite}-${String(i).padStart(4, '0')}${label ? `-${label}` : ''}`,
      startedAt: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
      labels: label ? { label } : {},
      operations: [op('Aggregated', { aggregate: true, latency: { p99: 40 + (i % 9), mean: 20 }, throughput: 100 })],
    }),
  );

describe('downsample', () => {
  it('keeps every item when there are few, else evenly spaced ones with first and last', () => {
    expect(downsample([1, 2, 3], 5)).toEqual([1, 2, 3]);
    const many = Array.from({ length: 1000 }, (_, i) => i);
    const picked = downsample(many, 100);
    expect(picked).toHaveLength(100);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(999);
  });
});

describe('htmlTable', () => {
  it('is the table remark would render, tool text escaped, without the pass through remark', () => {
    const rows = [
      ['<script>x</script>', '1,024'],
      [linkCell('run & co', '/reports/runs/a'), '—'],
    ];
    const html = htmlTable(['name', 'value'], rows, ['l', 'r']);
    expect(html).toContain('<th>name</th><th align="right">value</th>');
    expect(html).toContain('<td>&lt;script&gt;x&lt;/script&gt;</td><td align="right">1,024</td>');
    expect(html).toContain('<td><a href="/reports/runs/a">run &amp; co</a></td>');
    // The same cells in the Markdown mirror's table.
    expect(table(['name', 'value'], rows, ['l', 'r'])).toMatch(/\[run .*co\]\(\/reports\/runs\/a\)/);
  });
});

describe('tables as blocks', () => {
  it('turns an empty or blank text cell into "—" in the HTML too, as in the Markdown', () => {
    const html = htmlTable(['a', 'b'], [['', '  ']]);
    expect(html).toContain('<td>—</td><td>—</td>');
    expect(table(['a', 'b'], [['', '  ']])).toContain('| — | — |');
  });

  it('gives every view the HTML remark makes of its Markdown (whitespace between tags aside)', () => {
    const views = planViews([...series('api', 40), ...series('web', 3, '2x'), ...series('web', 3, '4x')], config!);
    const withBlocks = views.filter((v) => v.blocks?.length);
    // The index, every history, the scorecard: all have tables.
    expect(withBlocks.length).toBeGreaterThanOrEqual(4);
    // Whitespace between tags, and how `<` and `>` in text are written (`&lt;` or `&#x3C;`), are not the HTML's meaning.
    const squeeze = (html: string) =>
      html
        .replace(/>\s+</g, '><')
        .replace(/&#x3C;/g, '&lt;')
        .replace(/&gt;/g, '>');
    for (const v of withBlocks) {
      const markdown = v.body.replace(/\[\[block:(\d+)\]\]/g, (_, i: string) => v.blocks![Number(i)]!.markdown);
      expect(squeeze(viewHtml(v)), v.url).toBe(squeeze(viewHtml({ ...v, body: markdown, blocks: undefined })));
    }
  });
});

describe('viewHtml with blocks', () => {
  const view = (body: string) => ({
    url: '/reports/x',
    source: 'reports/x.md',
    section: 'reports' as const,
    frontMatter: { title: 'x', description: 'x', kind: 'benchmark-history' },
    body,
    charts: [],
    blocks: [{ markdown: '| cell |\n| --- |\n| value |', html: '<table><tr><td>value</td></tr></table>' }],
  });
  it('puts a block in where its slot stands alone', () => {
    expect(viewHtml(view('Intro.\n\n[[block:0]]\n'))).toBe('<p>Intro.</p>\n<table><tr><td>value</td></tr></table>');
  });
  it('keeps GFM where the text has its syntax, and turns URL-like text into no link either way', () => {
    expect(viewHtml(view('Was ~~slow~~ fast.\n'))).toBe('<p>Was <del>slow</del> fast.</p>');
    expect(viewHtml(view('| a |\n| - |\n| 1 |\n'))).toContain('<td>1</td>');
    expect(viewHtml(view('See www.example.com or [the run](/reports/runs/a).\n'))).toBe(
      '<p>See www.example.com or <a href="/reports/runs/a">the run</a>.</p>',
    );
  });
  it('renders the Markdown of a block whose slot shares a paragraph, never the slot', () => {
    const html = viewHtml(view('Intro, then at once\n[[block:0]]\n'));
    expect(html).not.toContain('[[block:');
    expect(html).toContain('value');
  });
});

describe('historyPointsPerLabel', () => {
  it('shares the page’s points between its labels, never below 30 each', () => {
    expect([1, 2, 3, 4, 10].map(historyPointsPerLabel)).toEqual([100, 50, 33, 30, 30]);
  });
});

describe('planViews', () => {
  const runs = [...series('api', 250), ...series('web', 3, 'x<script>')];

  it('plans an index, one history per suite and the scorecard, whatever the order of the runs', () => {
    const views = planViews(runs, config!);
    expect(views.map((v) => v.url)).toEqual([
      '/reports/benchmarks',
      '/reports/api-history',
      '/reports/web-history',
      '/docs/slos/scorecard',
    ]);
    expect(planViews([...runs].reverse(), config!)).toEqual(views);
  });

  it('downsamples a long history, and every chart point links to its run page', () => {
    const history = planViews(runs, config!).find((v) => v.url === '/reports/api-history')!;
    const html = viewHtml(history);
    const points = [...html.matchAll(/<a href="(\/reports\/[^"]+)" class="kb-chart-point"/g)].map((m) => m[1]);
    const linked = new Set(points);
    expect(linked.size).toBe(HISTORY_POINTS);
    expect(linked).toContain('/reports/runs/api-0000');
    expect(linked).toContain('/reports/runs/api-0249');
    // The table still lists every run.
    expect(html.match(/<a href="\/reports\/runs\/api-\d{4}">/g)).toHaveLength(250 + 1); // + the latest-run link
    expect(history.frontMatter.description).toContain('250 runs of suite api');
  });

  it('gives a page with many charts their stylesheet once, in its first chart', () => {
    const html = viewHtml(planViews(runs, config!).find((v) => v.url === '/reports/api-history')!);
    const charts = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(charts.length).toBeGreaterThan(2);
    expect(html.split(CHART_STYLE)).toHaveLength(2);
    expect(charts[0]).toContain(CHART_STYLE);
    // Every chart is drawn whole: only the stylesheet went.
    expect(charts.every((c) => c.includes('<title>') && c.includes('class="kb-chart"'))).toBe(true);
  });

  it('never lets tool or label text become markup, and names charts in the Markdown for AI readers', () => {
    const web = planViews(runs, config!).find((v) => v.url === '/reports/web-history')!;
    const html = viewHtml(web);
    expect(html).not.toContain('<script>');
    expect(html).toContain('x&#x3C;script>');
    expect(html).toContain('<svg');
    const md = viewMarkdown(web);
    expect(md).not.toContain('<svg');
    expect(md).toMatch(/\*Chart: Latency trend: web \(aggregate\)\*/);
  });
});
