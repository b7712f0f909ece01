import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { planAiOutputs, outputPathOf, type SourceInput } from './build-output.ts';
import type { RoutedPage } from './site-content.ts';
import { routedPagesFromContent } from './site-content.ts';

const site = { title: 'Sophia KB', tagline: 'The programme knowledge base', url: 'https://kb.example', baseUrl: '/' };

const sources: SourceInput[] = [
  {
    path: 'docs/index.md',
    section: 'docs',
    frontMatter: { title: 'Handbook', slug: '/' },
    body: '# Handbook\n\nStart here.\n',
  },
  {
    path: 'docs/playbooks/scaling.md',
    section: 'docs',
    frontMatter: {
      title: 'Scaling playbook',
      kind: 'playbook',
      status: 'draft',
      owner: 'sre',
      week: 1,
      date: '2025-01-03',
      description: 'Scale [out] first.',
    },
    body: 'See [home](../index.md).\n',
  },
  {
    path: 'adr/0001-use-redis.md',
    section: 'adr',
    frontMatter: {
      adr: 1,
      title: 'Use Redis',
      status: 'accepted',
      date: '2025-01-03',
      links: [{ type: 'relates-to', target: 2 }],
    },
    body: 'Decided.\n',
  },
  {
    path: 'reports/2025-01-10-week-1.md',
    section: 'reports',
    frontMatter: {
      title: 'Week 1',
      kind: 'weekly-report',
      'slo-verdicts': [{ target: 'api-p99', verdict: 'fail', value: 120, unit: 'ms', margin: -20 }],
    },
    body: 'Measured.\n',
  },
  {
    path: 'versioned_docs/version-1/index.md',
    section: 'docs',
    frontMatter: { title: 'Old handbook' },
    body: 'Old.\n',
  },
];

const allContent = {
  'docusaurus-plugin-content-docs': {
    default: {
      loadedVersions: [
        {
          versionName: 'current',
          docs: [
            { source: '@site/docs/index.md', permalink: '/docs/', title: 'Handbook', description: 'Start here.' },
            {
              source: '@site/docs/playbooks/scaling.md',
              permalink: '/docs/playbooks/scaling',
              title: 'Scaling playbook',
              description: 'Scale [out] first.',
            },
          ],
        },
        {
          versionName: '1',
          docs: [
            {
              source: '@site/versioned_docs/version-1/index.md',
              permalink: '/docs/1/',
              title: 'Old handbook',
              description: 'Old.',
            },
          ],
        },
      ],
    },
    adr: {
      loadedVersions: [
        {
          versionName: 'current',
          docs: [
            {
              source: '@site/adr/0001-use-redis.md',
              permalink: '/adr/use-redis',
              title: 'Use Redis',
              description: 'Decided.',
            },
          ],
        },
      ],
    },
  },
  'docusaurus-plugin-content-blog': {
    default: {
      blogPosts: [
        {
          metadata: {
            source: '@site/reports/2025-01-10-week-1.md',
            permalink: '/reports/2025/01/10/week-1',
            title: 'Week 1',
            description: 'Measured.',
            date: new Date('2025-01-10T00:00:00Z'),
            tags: [{ label: 'weekly' }],
          },
        },
      ],
    },
  },
};

describe('routedPagesFromContent', () => {
  it('reads every docs instance and version and the blog, applying trailingSlash: false', () => {
    const routes = routedPagesFromContent(allContent, false);
    expect(routes.map((r) => [r.source, r.url, r.isCurrent])).toEqual([
      ['docs/index.md', '/docs', true],
      ['docs/playbooks/scaling.md', '/docs/playbooks/scaling', true],
      ['versioned_docs/version-1/index.md', '/docs/1', false],
      ['adr/0001-use-redis.md', '/adr/use-redis', true],
      ['reports/2025-01-10-week-1.md', '/reports/2025/01/10/week-1', true],
    ]);
    expect(routes.at(-1)).toMatchObject({ date: '2025-01-10', tags: ['weekly'] });
  });

  it('fails with a clear message when Docusaurus content changes shape', () => {
    expect(() => routedPagesFromContent({ 'docusaurus-plugin-content-docs': { default: { versions: [] } } })).toThrow(
      /docs instance "default": unexpected content shape/,
    );
  });
});

describe('planAiOutputs', () => {
  const routes: RoutedPage[] = routedPagesFromContent(allContent, false);
  const out = planAiOutputs(site, routes, sources, new Date('2025-01-11T00:00:00Z'));
  const file = (p: string) => out.files.find((f) => f.path === p)?.content ?? '';

  it('writes a mirror next to every page, old versions included', () => {
    expect(out.mirrors).toBe(5);
    expect(out.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'docs.md',
        'docs/playbooks/scaling.md',
        'docs/1.md',
        'adr/use-redis.md',
        'reports/2025/01/10/week-1.md',
      ]),
    );
    expect(file('docs/playbooks/scaling.md')).toContain('See [home](/docs.md).');
  });

  it('renders only the files a site part writes, links still pointing at every page', () => {
    const part = planAiOutputs(site, routes, sources, new Date('2025-01-11T00:00:00Z'), (f) => f.startsWith('docs/'));
    expect(part.files.map((f) => f.path)).toEqual(['docs/playbooks/scaling.md', 'docs/1.md']);
    expect(part.mirrors).toBe(2);
    expect(part.files[0]!.content).toBe(file('docs/playbooks/scaling.md'));
    const home = planAiOutputs(site, routes, sources, new Date('2025-01-11T00:00:00Z'), (f) => !f.startsWith('docs/'));
    expect(home.files.map((f) => f.path)).toEqual(expect.arrayContaining(['docs.md', 'llms.txt', 'kb-index.json']));
    expect(home.files.find((f) => f.path === 'llms.txt')!.content).toBe(file('llms.txt'));
  });

  it('writes llms.txt in the llmstxt.org shape, current pages only', () => {
    const llms = file('llms.txt');
    expect(llms).toMatch(/^# Sophia KB\n\n> The programme knowledge base\. /);
    expect(llms.match(/^## .+$/gm)).toEqual([
      '## Handbook',
      '## ADRs',
      '## Runbooks',
      '## Playbooks',
      '## Reports',
      '## Optional',
    ]);
    expect(llms).toContain('- [Scaling playbook](/docs/playbooks/scaling.md): Scale [out] first.');
    expect(llms).toContain('- [Week 1](/reports/2025/01/10/week-1.md): Measured.');
    expect(llms).not.toContain('Old handbook');
  });

  it('writes one full-text file per part and one for everything', () => {
    expect(file('llms-full.txt')).toContain(
      '# Use Redis\n\nSource: https://kb.example/adr/use-redis (Markdown: /adr/use-redis.md)',
    );
    expect(file('llms-playbooks.txt')).toContain('# Scaling playbook');
    expect(file('llms-adr.txt')).not.toContain('Scaling playbook');
  });

  it('writes a manifest that validates against its published JSON Schema', () => {
    const manifest = JSON.parse(file('kb-index.json'));
    const schema = JSON.parse(file('schemas/kb-index.schema.json'));
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(manifest.documents.map((d: { id: string }) => d.id)).toEqual([
      'adr/0001-use-redis',
      'docs/index',
      'docs/playbooks/scaling',
      'reports/2025-01-10-week-1',
    ]);
    expect(manifest.documents[3]).toMatchObject({
      kind: 'weekly-report',
      date: '2025-01-10',
      sloVerdicts: [{ target: 'api-p99', verdict: 'fail' }],
    });
    expect(validate({ ...manifest, documents: [{ id: 'x' }] })).toBe(false);
  });

  it('mirrors a page whose MDX it cannot parse as written, with a warning, instead of failing the build', () => {
    const broken: SourceInput = {
      path: 'docs/broken.mdx',
      section: 'docs',
      frontMatter: { title: 'Broken' },
      body: 'Text <Open without close\n',
    };
    const route = { ...routes[0]!, source: 'docs/broken.mdx', url: '/docs/broken' };
    const res = planAiOutputs(site, [route], [broken], new Date());
    expect(res.warnings).toEqual([expect.stringMatching(/^docs\/broken\.mdx: MDX not converted/)]);
    expect(res.files.find((f) => f.path === 'docs/broken.md')?.content).toContain('Text <Open without close');
  });

  it('never writes outside the build folder', () => {
    expect(outputPathOf('/../../etc/passwd.md', '/')).toBe('etc/passwd.md');
    expect(outputPathOf('/kb/docs/a.md', '/kb/')).toBe('docs/a.md');
  });
});
