import { describe, expect, it } from 'vitest';
import { buildPageRecord, documentId, leadingHeading, routeFromSource, stripNumberPrefix } from './records.ts';

const route = (path: string, frontMatter: Record<string, unknown> = {}) =>
  routeFromSource({ path, section: path.split('/')[0] as 'docs' | 'runbooks' | 'adr' | 'reports', frontMatter });

describe('routeFromSource (Docusaurus URLs with trailingSlash: false)', () => {
  it.each([
    ['docs/index.md', {}, '/docs'],
    ['docs/intro.md', { slug: '/' }, '/docs'],
    ['docs/plan/index.md', {}, '/docs/plan'],
    ['docs/plan/phase-1/week-01.md', {}, '/docs/plan/phase-1/week-01'],
    ['docs/plan/phase-1/week-01.md', { slug: '/plan/week-01' }, '/docs/plan/week-01'],
    ['docs/guides/guides.md', {}, '/docs/guides'],
    ['docs/01-start/02-first.mdx', {}, '/docs/start/first'],
    ['adr/0003-use-redis.md', {}, '/adr/use-redis'],
    ['runbooks/README.md', {}, '/runbooks'],
    ['reports/2025-01-03-week-1-kickoff.md', {}, '/reports/2025/01/03/week-1-kickoff'],
    ['reports/2025-02-01-scale-10x/index.md', {}, '/reports/2025/02/01/scale-10x'],
    ['reports/2025-02-01-x.md', { slug: 'ten-x' }, '/reports/ten-x'],
  ])('%s %j → %s', (path, fm, url) => {
    expect(route(path, fm)).toBe(url);
  });

  it('keeps date-like prefixes', () => {
    expect(stripNumberPrefix('2025-01-03-x')).toBe('2025-01-03-x');
    expect(stripNumberPrefix('10-x')).toBe('x');
  });
});

describe('buildPageRecord', () => {
  it('reads typed fields leniently and derives what is missing', () => {
    const r = buildPageRecord(
      {
        path: 'reports/2025-01-10-week-1/index.md',
        section: 'reports',
        frontMatter: {
          title: 'Week 1',
          kind: 'weekly-report',
          week: '1',
          tags: 'a, b',
          'slo-verdicts': [{ target: 'api-p99', verdict: 'pass', value: 84, unit: 'ms', margin: 16 }, { bad: true }],
        },
        body: 'First paragraph\nwraps.\n\nSecond.',
      },
      { url: '/reports/2025/01/10/week-1' },
    );
    expect(r).toMatchObject({
      id: 'reports/2025-01-10-week-1',
      part: 'reports',
      markdownUrl: '/reports/2025/01/10/week-1.md',
      week: 1,
      date: '2025-01-10',
      tags: ['a', 'b'],
      description: 'First paragraph wraps.',
      sloVerdicts: [{ target: 'api-p99', verdict: 'pass', value: 84, unit: 'ms', margin: 16 }],
    });
  });

  it('puts playbooks in their own part and numbers ADRs from the file name', () => {
    expect(
      buildPageRecord(
        { path: 'docs/playbooks/scaling.md', section: 'docs', frontMatter: { kind: 'playbook' }, body: '' },
        { url: '/docs/playbooks/scaling' },
      ).part,
    ).toBe('playbooks');
    const adr = buildPageRecord(
      {
        path: 'adr/0004-x.md',
        section: 'adr',
        frontMatter: { status: 'accepted', 'superseded-by': 9 },
        body: '# Pick X\n',
      },
      { url: '/adr/x' },
    );
    expect(adr).toMatchObject({ adr: 4, kind: 'adr', title: 'Pick X', supersededBy: 9 });
    expect(documentId('docs/index.md')).toBe('docs/index');
  });
});

describe('leadingHeading', () => {
  /** The heading rule without the indexOf pre-check leadingHeading makes: what it must always agree with. */
  const byRegexAlone = (body: string): string | null => {
    const m = /^\s*#[ \t]+(.+?)[ \t#]*$/m.exec(body);
    if (!m) return null;
    const before = body.slice(0, m.index).trim();
    return before === '' || /^(import|export)\s/m.test(before) ? (m[1] ?? null) : null;
  };
  const bodies = [
    '# Title\n\ntext',
    '\n\n   # Indented title\n',
    '#\tTab title',
    '\u00a0# After a no-break space',
    'line\r# After a carriage return',
    'line\u2028# After a line separator',
    'text first\n# Not leading',
    "import X from 'x';\n\n# After an import",
    '## Summary\n\ntext with a # in it\n',
    'x # not at a line start',
    '#no space',
    '# ',
    '#  ',
    '# # #',
    '',
    '## Only\n### smaller\n',
  ];
  it('finds the same leading heading as the regex alone, or none', () => {
    for (const body of bodies) expect(leadingHeading(body), JSON.stringify(body)).toBe(byRegexAlone(body));
    expect(leadingHeading('\n# Title\n')).toBe('Title');
    expect(leadingHeading('## Summary\n\n# Later\n')).toBeNull();
  });
});
