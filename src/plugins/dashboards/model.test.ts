import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../../scripts/core/documents.ts';
import { buildDecisions, buildDeliverables, buildFreshness } from './model.ts';

function doc(path: string, frontMatter: Record<string, unknown>, body = ''): SourceDocument {
  return { path, section: path.split('/')[0] as SourceDocument['section'], frontMatter, body, frontMatterLines: 0 };
}
const common = { owner: 'platform', date: '2025-01-06' };
const now = new Date('2025-03-01T10:00:00Z');

describe('buildDeliverables', () => {
  const documents = [
    doc('adr/index.md', { title: 'Decisions' }),
    doc('adr/0001-use-redis.md', { adr: 1, title: 'Use Redis', status: 'accepted', date: '2025-01-06' }),
    doc('reports/2025-01-10-week-1.md', {
      ...common,
      title: 'Week 1 report',
      kind: 'weekly-report',
      status: 'published',
      week: 1,
    }),
    doc('docs/playbooks/scaling-playbook.md', {
      ...common,
      title: 'Scaling playbook',
      kind: 'playbook',
      status: 'draft',
      week: 1,
    }),
    doc('docs/guides/frontend-architecture.md', {
      ...common,
      title: 'Frontend architecture',
      kind: 'guide',
      status: 'published',
      week: 7,
    }),
    doc('docs/guides/development-workflow-guide.md', {
      ...common,
      title: 'How we work',
      kind: 'guide',
      status: 'review',
      week: 7,
    }),
    doc('docs/guides/unrelated.md', {
      ...common,
      title: 'Unrelated notes',
      kind: 'guide',
      status: 'published',
      week: 7,
    }),
  ];
  const urls = new Map([
    ['adr/index.md', '/adr'],
    ['reports/2025-01-10-week-1.md', '/reports/2025/01/10/week-1'],
    ['docs/guides/frontend-architecture.md', '/docs/guides/frontend-architecture'],
  ]);
  const data = buildDeliverables(documents, urls, now);

  it('lays out the 12 weeks with every Day-7 deliverable and overall completion', () => {
    expect(data.weeks.map((w) => w.week)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(data.total).toBe(50);
    expect(data).toMatchObject({ asOf: '2025-03-01', published: 3, inProgress: 2 });
  });

  it('matches by kind + week, links only routed documents, and summarises the ADRs', () => {
    const week1 = data.weeks[0]!;
    const cell = (title: string) => week1.cells.find((c) => c.title === title);
    expect(cell('Week 1 report')).toMatchObject({ state: 'published', doc: { url: '/reports/2025/01/10/week-1' } });
    expect(cell('Scaling playbook')).toMatchObject({
      state: 'draft',
      doc: { path: 'docs/playbooks/scaling-playbook.md' },
    });
    expect(cell('Scaling playbook')!.doc!.url).toBeUndefined();
    expect(cell('Architecture decision records')).toMatchObject({
      state: 'published',
      doc: { url: '/adr' },
      note: '1 record: 1 accepted, 0 proposed',
    });
    expect(cell('Risk assessment')).toEqual({
      week: 1,
      kind: 'risk-assessment',
      title: 'Risk assessment',
      state: 'missing',
    });
    expect(week1).toMatchObject({ published: 2, total: 6 });
  });

  it('tells several deliverables of one kind apart by slug or title words', () => {
    const week7 = Object.fromEntries(data.weeks[6]!.cells.map((c) => [c.title, [c.state, c.doc?.path]]));
    expect(week7).toMatchObject({
      'Frontend architecture guide': ['published', 'docs/guides/frontend-architecture.md'],
      'Development workflow guide': ['review', 'docs/guides/development-workflow-guide.md'],
      'Component library documentation': ['missing', undefined],
    });
  });
});

describe('buildFreshness', () => {
  it('groups runbooks and playbooks by owner, overdue first, as of the build date', () => {
    const data = buildFreshness(
      [
        doc('runbooks/a.md', {
          ...common,
          title: 'A',
          kind: 'runbook',
          status: 'published',
          'review-by': '2025-04-30',
        }),
        doc('runbooks/b.md', {
          ...common,
          title: 'B',
          kind: 'runbook',
          status: 'published',
          'review-by': '2025-02-20',
        }),
        doc('runbooks/c.md', { ...common, title: 'C', kind: 'runbook', status: 'draft' }),
        doc('docs/playbooks/p.md', {
          ...common,
          owner: 'sre',
          title: 'P',
          kind: 'playbook',
          status: 'published',
          'review-by': '2025-03-10',
        }),
        doc('docs/guides/g.md', { ...common, title: 'G', kind: 'guide', status: 'published' }),
      ],
      new Map(),
      now,
    );
    expect(data).toMatchObject({ asOf: '2025-03-01', overdue: 1, dueSoon: 1, missing: 1, total: 4 });
    expect(
      data.groups.map((g) => [g.owner, g.overdue, g.items.map((i) => `${i.title}:${i.state}:${i.daysLeft ?? '-'}`)]),
    ).toEqual([
      ['platform', 1, ['B:overdue:-9', 'C:missing:-', 'A:ok:60']],
      ['sre', 0, ['P:due-soon:9']],
    ]);
  });
});

describe('buildDecisions', () => {
  it('counts ADRs by status month by month, cumulatively', () => {
    const adr = (n: number, status: string, date: string, extra: Record<string, unknown> = {}) =>
      doc(`adr/${String(n).padStart(4, '0')}-r${n}.md`, { adr: n, title: `R${n}`, status, date, ...extra });
    const data = buildDecisions(
      [
        adr(2, 'accepted', '2025-02-03', { supersedes: [1] }),
        adr(1, 'superseded', '2025-01-06', { 'superseded-by': 2 }),
        adr(3, 'proposed', '2025-02-20'),
        doc('adr/index.md', { title: 'Decisions' }),
      ],
      new Map([['adr/0002-r2.md', '/adr/r2']]),
      now,
    );
    expect(data.totals).toEqual({ proposed: 1, accepted: 1, rejected: 0, deprecated: 0, superseded: 1 });
    expect(data.months).toEqual([
      {
        month: '2025-01',
        counts: { proposed: 0, accepted: 0, rejected: 0, deprecated: 0, superseded: 1 },
        cumulative: { proposed: 0, accepted: 0, rejected: 0, deprecated: 0, superseded: 1 },
      },
      {
        month: '2025-02',
        counts: { proposed: 1, accepted: 1, rejected: 0, deprecated: 0, superseded: 0 },
        cumulative: { proposed: 1, accepted: 1, rejected: 0, deprecated: 0, superseded: 1 },
      },
    ]);
    expect(data.records.map((r) => [r.number, r.url, r.supersededBy])).toEqual([
      [1, undefined, 2],
      [2, '/adr/r2', undefined],
      [3, undefined, undefined],
    ]);
  });
});
