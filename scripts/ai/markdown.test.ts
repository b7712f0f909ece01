import { describe, expect, it } from 'vitest';
import { renderMirror, rewriteSourceLinks, toReadableMarkdown } from './markdown.ts';
import { buildPageRecord } from './records.ts';

const mdx = `import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';
export const budget = 0.001;

Some *text* with <kbd>Ctrl</kbd>, {'{braces}'} and a dropped {budget}.

:::note[Careful]
Note body with **bold**.
:::

<Tabs>
  <TabItem value="k6" label="k6">
    Run \`k6 run\`.
  </TabItem>
  <TabItem value="locust">Locust text</TabItem>
</Tabs>

<Admonition type="warning" title="Heads up">
Do not do it.
</Admonition>

<details>
<summary>More</summary>

Hidden content.
</details>

<SloChart data={[1, 2]} />

{/* a comment */}
`;

describe('toReadableMarkdown', () => {
  const out = toReadableMarkdown(mdx, true);

  it('drops imports, exports, expressions and component markup', () => {
    expect(out).not.toMatch(/^(import|export) /m);
    expect(out).not.toMatch(/<[A-Z]|<\/?(kbd|details|summary)/);
    expect(out).not.toContain('budget');
    expect(out).not.toContain('comment');
  });

  it('keeps the text of known components as Markdown', () => {
    expect(out).toContain('`Ctrl`');
    expect(out).toContain('{braces}');
    expect(out).toContain('**k6**\n\nRun `k6 run`.');
    expect(out).toContain('**locust**: Locust text');
    expect(out).toMatch(/:::warning\[Heads up\]\n\nDo not do it\.\n\n:::/);
    expect(out).toContain('**More**\n\nHidden content.');
  });

  it('says an inline SVG chart in words instead of dropping it', () => {
    const chart =
      '<div className="kb-report-chart" dangerouslySetInnerHTML={{ __html: "\\u003csvg aria-label=\\"Latency against load\\"\\u003e\\u003cdesc\\u003ep99 in ms\\u003c/desc\\u003e\\u003c/svg\\u003e" }} />';
    expect(toReadableMarkdown(`## Charts\n\n${chart}\n`, true)).toBe(
      '## Charts\n\n_Chart: Latency against load — p99 in ms_',
    );
  });

  it('shows a data-driven component as the Markdown it is given', () => {
    const md = "import AdrIndex from '@site/src/components/AdrIndex';\n\nIntro.\n\n<AdrIndex data={data} />\n";
    expect(toReadableMarkdown(md, true, { AdrIndex: () => '- ADR-0001 [Use X](/adr/x.md): accepted' })).toBe(
      'Intro.\n\n- ADR-0001 [Use X](/adr/x.md): accepted',
    );
  });

  it('keeps admonitions readable', () => {
    expect(out).toContain(':::note[Careful]\nNote body with **bold**.\n:::');
  });

  it('leaves CommonMark pages as written', () => {
    expect(toReadableMarkdown('Text with {x} and <y>\n\n<!-- truncate -->\n\nMore.', false)).toBe(
      'Text with {x} and <y>\n\nMore.',
    );
    expect(toReadableMarkdown('\n  A page without a marker.\n\n', false)).toBe('A page without a marker.');
  });
});

describe('rewriteSourceLinks', () => {
  const links = new Map([
    ['docs/plan/index.md', '/docs/plan.md'],
    ['docs/slos/index.md', '/docs/slos.md'],
  ]);
  it('points relative links to sources at their Markdown mirror, keeping anchors', () => {
    const md =
      'See [plan](./index.md) and [SLOs](../slos/index.md#error-budget "t"), [ext](https://x.org/a.md), [missing](./nope.md).\n\n[ref]: ../slos/index.md';
    expect(rewriteSourceLinks(md, 'docs/plan/week-01.md', links)).toBe(
      'See [plan](/docs/plan.md) and [SLOs](/docs/slos.md#error-budget "t"), [ext](https://x.org/a.md), [missing](./nope.md).\n\n[ref]: /docs/slos.md',
    );
  });
  it('returns text that names no Markdown source as it is', () => {
    const md = 'See [the history](/reports/api-history) and [SLOs](../slos/index.mdx) .\n';
    expect(rewriteSourceLinks(md.replace('index.mdx', 'index'), 'docs/plan/week-01.md', links)).toBe(
      md.replace('index.mdx', 'index'),
    );
    expect(
      rewriteSourceLinks(md, 'docs/plan/week-01.md', new Map([['docs/slos/index.mdx', '/docs/slos.md']])),
    ).toContain('[SLOs](/docs/slos.md)');
  });
});

describe('renderMirror', () => {
  it('starts with the title and the key metadata, without repeating the H1', () => {
    const record = buildPageRecord(
      {
        path: 'adr/0007-use-redis.md',
        section: 'adr',
        frontMatter: {
          adr: 7,
          title: 'Use Redis',
          status: 'accepted',
          date: '2025-01-08',
          supersedes: [3],
          tags: ['cache'],
        },
        body: '# Use Redis\n\nBecause.\n',
      },
      { url: '/adr/use-redis' },
    );
    expect(renderMirror(record)).toBe(
      [
        '# Use Redis',
        '',
        '> Because.',
        '',
        '- Kind: adr',
        '- Status: accepted',
        '- ADR: 0007',
        '- Date: 2025-01-08',
        '- Supersedes: ADR 0003',
        '- Tags: cache',
        '- URL: /adr/use-redis',
        '',
        'Because.',
        '',
      ].join('\n'),
    );
  });
});
