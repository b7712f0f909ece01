import { describe, expect, it } from 'vitest';
import { humanDate, humanRunTitle, isExampleReport, reportGroup, reportListTitle, runLabelOf } from './titles.ts';

describe('report titles', () => {
  it('reads like a log line: suite, date, targets met', () => {
    expect(humanRunTitle({ suite: 'example-k6-petstore', date: '2026-11-26', pass: 1, fail: 2 })).toBe(
      'k6 petstore — 26 Nov 2026: 1 of 3 targets met',
    );
    expect(humanRunTitle({ suite: 'kb-site', date: '2026-12-06', label: 'home', pass: 1, fail: 0 })).toBe(
      'kb site home — 6 Dec 2026: its target met',
    );
    expect(humanRunTitle({ suite: 'kb-check', date: '2026-12-06', pass: 0, fail: 0 })).toBe(
      'kb check — 6 Dec 2026: no targets judged',
    );
    expect(humanDate('not a date')).toBe('not a date');
  });

  it('gives the index a group, a label and a human title from front matter', () => {
    expect(reportGroup('scale-test-report')).toBe('scale-test');
    expect(reportGroup(undefined)).toBe('other');
    expect(runLabelOf('sample-api-20261126t043108-10x')).toBe('10x');
    expect(runLabelOf('kb-cli-20261126t064237')).toBeUndefined();
    expect(
      reportListTitle({
        title: 'sample-api 10x: locust run of 2026-11-26',
        date: '2026-11-26T00:00:00.000Z',
        kind: 'benchmark-report',
        suite: 'sample-api',
        run: 'sample-api-20261126t043108-10x',
        verdicts: [{ verdict: 'pass' }, { verdict: 'fail' }, { verdict: 'not measured' }],
      }),
    ).toBe('sample api 10x — 26 Nov 2026: 1 of 2 targets met');
    expect(reportListTitle({ title: 'Week 1 report', date: '2026-12-06', kind: 'weekly-report' })).toBe(
      'Week 1 report',
    );
    expect(isExampleReport({ tags: ['benchmark', 'example'] })).toBe(true);
    expect(isExampleReport({ tags: ['benchmark'] })).toBe(false);
  });
});
