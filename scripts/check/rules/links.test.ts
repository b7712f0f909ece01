import { describe, expect, it } from 'vitest';
import { docFm, docOf, md } from '../test-support.ts';
import { checkLinks } from './links.ts';

function run(files: Record<string, string>, extra: string[] = []) {
  const documents = Object.entries(files).map(([rel, text]) => docOf(rel, text));
  const found = checkLinks({
    documents,
    files: new Set([...Object.keys(files), ...extra]),
    staticFiles: new Set(['img/logo.svg']),
    extraRoutes: new Set(['/dashboards/deliverables']),
  });
  return found.map((f) => [f.path, f.line, f.rule]);
}

const target = md({ title: 'Target' }, '# Target\n\n## Rollback steps {#rollback}\n\n## Verify it\n');

describe('links rule', () => {
  it('accepts relative .md links, route links, anchors, assets and external links', () => {
    const page = md(
      { title: 'Page' },
      [
        '# Page',
        '',
        '## Local',
        '',
        '[t](./sub/target.md) [t2](sub/target.md#rollback) [t3](sub/target.md#verify-it)',
        '[r](/docs/sub/target#verify-it) [root](/docs) [rb](/runbooks/deploy) [blog](/reports/2025/01/03/kickoff)',
        '[self](#local) ![i](./img/a.png) [s](/img/logo.svg) [d](/dashboards/deliverables) [e](https://x.y/z.md) [m](mailto:a@b)',
        '[tag](/docs/tags/x) [rel](./other-route)',
      ].join('\n'),
    );
    expect(
      run(
        {
          'docs/index.md': md({ title: 'Home', slug: '/' }),
          'docs/page.md': page,
          'docs/sub/target.md': target,
          'runbooks/01-deploy.md': md(docFm('runbook')),
          'reports/2025-01-03-kickoff.md': md({ title: 'Kickoff', date: '2025-01-03' }),
        },
        ['docs/img/a.png'],
      ),
    ).toEqual([]);
  });

  it('reports missing files, routes and assets on their file lines', () => {
    const page = md(
      { title: 'Page' },
      '# Page\n\n[a](./nope.md)\n[b](/docs/nope)\n[c](./img/missing.png)\n[d](/img/missing.svg)\n',
    );
    expect(run({ 'docs/page.md': page })).toEqual([
      ['docs/page.md', 7, 'broken-link'],
      ['docs/page.md', 8, 'broken-link'],
      ['docs/page.md', 9, 'broken-link'],
      ['docs/page.md', 10, 'broken-link'],
    ]);
  });

  it('reports anchors that match no heading, here and in the target', () => {
    const page = md(
      { title: 'Page' },
      '# Page\n\n[a](#nowhere)\n[b](./target.md#rollback-steps)\n[c](/docs/target#rollback)\n',
    );
    expect(run({ 'docs/page.md': page, 'docs/target.md': target })).toEqual([
      ['docs/page.md', 7, 'broken-anchor'],
      ['docs/page.md', 8, 'broken-anchor'],
    ]);
  });

  it('reports .md links across sections, which Docusaurus cannot resolve, with the URL to use', () => {
    const page = md({ title: 'Page' }, '[r](../runbooks/deploy.md)\n');
    const found = checkLinks({
      documents: [docOf('docs/page.md', page), docOf('runbooks/deploy.md', md(docFm('runbook')))],
      files: new Set(['docs/page.md', 'runbooks/deploy.md']),
    });
    expect(found.map((f) => [f.rule, f.hint])).toEqual([
      ['broken-link', "link the page's URL instead: /runbooks/deploy"],
    ]);
  });
});
