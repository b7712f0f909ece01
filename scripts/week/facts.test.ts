import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../core/documents.ts';
import type { SloTarget } from '../report/slo-targets.ts';
import { makeRun, op } from '../report/test-runs.ts';
import { weekDates, weekOfDate } from './calendar.ts';
import { parseGitLog, weekFacts, type WeekInputs } from './facts.ts';
import { replaceFactsRegion } from './region.ts';
import { factsEnd, factsStart, renderFacts, summarizeFacts } from './render.ts';
import { planWeeklyFacts } from './weekly-report.ts';

const start = '2025-01-06';
const doc = (path: string, frontMatter: Record<string, unknown>, body = ''): SourceDocument => ({
  path,
  section: path.split('/')[0] as SourceDocument['section'],
  frontMatter,
  body,
  frontMatterLines: 0,
});
const target: SloTarget = {
  id: 'p99',
  title: 'API p99',
  suites: ['api', 'example-*'],
  operation: 'aggregate',
  metric: 'p99',
  comparison: '<',
  value: 100,
  unit: 'ms',
};
const apiRun = (id: string, startedAt: string, p99: number, labels = {}) =>
  makeRun({ suite: 'api', id, startedAt, labels, operations: [op('all', { aggregate: true, latency: { p99 } })] });

function inputs(over: Partial<WeekInputs> = {}): WeekInputs {
  return {
    week: 2,
    planStart: start,
    documents: [
      doc('adr/0001-use-redis.md', { title: 'Use Redis', adr: 1, status: 'accepted', date: '2025-01-14' }),
      doc('adr/0002-use-memcached.md', {
        title: 'Use Memcached',
        adr: 2,
        status: 'superseded',
        date: '2024-12-31',
        'superseded-by': 1,
      }),
      doc('adr/0003-shard-db.md', { title: 'Shard the DB', adr: 3, status: 'proposed', date: '2025-01-15' }),
      doc('adr/0004-later.md', { title: 'Later [x](y)', adr: 4, status: 'proposed', date: '2025-02-20' }),
      doc('docs/guides/db.md', { title: 'DB guide', kind: 'guide', week: 2, status: 'published' }),
      doc('runbooks/restore.md', { title: 'Restore', kind: 'runbook', 'review-by': '2025-01-17', owner: 'sre' }),
      doc('reports/2025-01-15-api-r2.mdx', {
        title: 'r2',
        run: 'r2',
        description: 'locust run of suite api: 0 SLO pass, 1 fail, 2 regressions.',
      }),
    ],
    runs: [
      apiRun('r1', '2025-01-08T10:00:00Z', 90),
      apiRun('r2', '2025-01-15T10:00:00Z', 120),
      makeRun({
        suite: 'example-k6',
        id: 'ex',
        startedAt: '2025-01-15T11:00:00Z',
        labels: { example: true },
        operations: [op('all', { aggregate: true, latency: { p99: 5 } })],
      }),
    ],
    targets: [target],
    now: new Date('2025-01-20T00:00:00Z'),
    ...over,
  };
}

describe('calendar', () => {
  it('gives week N its seven days and maps dates to weeks', () => {
    expect(weekDates(2, start)).toEqual({ week: 2, start: '2025-01-13', end: '2025-01-19' });
    expect(weekOfDate('2025-01-19', start)).toBe(2);
    expect(weekOfDate('2024-12-31', start)).toBe(1); // before the programme: week 1
    expect(weekOfDate('2025-06-01', start)).toBeUndefined(); // after week 12
  });
});

describe('weekFacts', () => {
  const f = weekFacts(inputs());

  it('sorts the week’s ADRs by status and finds records superseded by them', () => {
    expect(f.adrs.accepted.map((a) => a.number)).toEqual([1]);
    expect(f.adrs.proposed.map((a) => a.number)).toEqual([3]);
    expect(f.adrs.superseded.map((a) => a.number)).toEqual([2]);
    expect(f.adrs.accepted[0]!.url).toBe('/adr/use-redis');
  });

  it('lists the week’s runs with human titles, verdicts and the regressions their page states', () => {
    expect(f.runs.map((r) => [r.id, r.title, r.regressions])).toEqual([
      ['ex', 'k6 — 15 Jan 2025: its target met', undefined],
      ['r2', 'api — 15 Jan 2025: 0 of 1 target met', 2],
    ]);
  });

  it('judges the scorecard on real runs only and says what changed since last week', () => {
    expect(f.scorecard[0]).toMatchObject({
      verdict: 'fail',
      value: 120,
      previousVerdict: 'pass',
      previousValue: 90,
      change: 'worse',
    });
  });

  it('shows the week’s deliverables with their state and link', () => {
    const guide = f.deliverables.find((d) => d.title.toLowerCase().includes('database optimization'));
    expect(guide).toMatchObject({ state: 'published', doc: { url: '/docs/guides/db' } });
    expect(f.deliverables.some((d) => d.state === 'missing')).toBe(true);
  });

  it('links the ADR deliverable to the decision index, .md or .mdx', () => {
    const g = weekFacts(
      inputs({ week: 1, documents: [...inputs().documents, doc('adr/index.mdx', { title: 'Decisions' })] }),
    );
    expect(g.deliverables.find((d) => d.kind === 'adr')).toMatchObject({ state: 'published', doc: { url: '/adr' } });
  });

  it('lists reviews that fell due in the week', () => {
    expect(f.reviewsDue).toEqual([
      { title: 'Restore', url: '/runbooks/restore', path: 'runbooks/restore.md', reviewBy: '2025-01-17', owner: 'sre' },
    ]);
  });

  it('takes added and changed documents from git history when there is one', () => {
    const log = `\0 2025-01-14\nA\tdocs/guides/db.md\nM\trunbooks/restore.md\n\0 2025-01-21\nM\tadr/0004-later.md\n\0 2025-01-13\nM\tpackage.json\n`;
    const g = weekFacts(inputs({ changes: parseGitLog(log) }));
    expect(g.documents.source).toBe('git');
    expect(g.documents.added.map((d) => d.path)).toEqual(['docs/guides/db.md']);
    expect(g.documents.changed.map((d) => d.path)).toEqual(['runbooks/restore.md']);
  });

  it('renders Markdown that escapes titles and a plain summary', () => {
    const md = renderFacts(weekFacts(inputs({ week: 7 })));
    expect(md.startsWith(factsStart)).toBe(true);
    expect(md.endsWith(factsEnd)).toBe(true);
    expect(md).toContain('Later \\[x\\]\\(y\\)');
    expect(summarizeFacts(f)).toMatch(/^Week 2 \(2025-01-13 to 2025-01-19\), phase 1/);
    expect(summarizeFacts(f)).toContain('API p99 ▼ worse (fail)');
  });
});

describe('facts region', () => {
  const f = weekFacts(inputs());
  const human = '# Week 2\n\nSummary people wrote.\n\n';
  const tail = '\n\n## Risks\n\nA risk people wrote.\n';

  it('refreshes only the region: text around it is kept byte for byte', () => {
    const before = `${human}${factsStart}\nold facts\n${factsEnd}${tail}`;
    const { content, action } = planWeeklyFacts(f, { path: 'r.md', existing: before });
    expect(action).toBe('replaced');
    expect(content.startsWith(human)).toBe(true);
    expect(content.endsWith(tail)).toBe(true);
    expect(content).not.toContain('old facts');
    expect(planWeeklyFacts(f, { path: 'r.md', existing: content }).action).toBe('unchanged');
  });

  it('appends the region to a report without markers and refuses unbalanced markers', () => {
    expect(replaceFactsRegion(human, 'FACTS', 'r.md')).toEqual({
      text: `${human.trimEnd()}\n\nFACTS\n`,
      action: 'appended',
    });
    expect(() => replaceFactsRegion(`${human}${factsStart}\n`, 'FACTS', 'r.md')).toThrow(/unbalanced/);
  });
});
