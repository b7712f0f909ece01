import { describe, expect, it } from 'vitest';
import { reviewedKinds } from '../check.ts';
import { docFm, docOf, md } from '../test-support.ts';
import { checkReviewDates, reviewDateOf } from './review-dates.ts';

const now = new Date('2025-03-01T12:00:00Z');
const run = (rel: string, fm: Record<string, unknown>) =>
  checkReviewDates([docOf(rel, md(fm))], { reviewedKinds, now }).map((f) => [f.rule, f.severity, f.line]);

describe('review-dates rule', () => {
  it('covers runbooks and playbooks only', () => {
    expect([...reviewedKinds].sort()).toEqual([
      'checklist',
      'incident-procedure',
      'operational-procedures',
      'playbook',
      'rollback-procedure',
      'runbook',
    ]);
    expect(run('docs/guides/g.md', docFm('guide', { 'review-by': '2020-01-01' }))).toEqual([]);
  });

  it('makes a missing review-by an error when published, a warning in review, nothing in a draft', () => {
    expect(run('runbooks/r.md', docFm('runbook', { 'review-by': undefined }))).toEqual([
      ['review-missing', 'error', 1],
    ]);
    expect(run('runbooks/r.md', docFm('runbook', { 'review-by': undefined, status: 'review' }))).toEqual([
      ['review-missing', 'warning', 1],
    ]);
    expect(run('runbooks/r.md', docFm('runbook', { 'review-by': undefined, status: 'draft' }))).toEqual([]);
  });

  it('warns on overdue review dates, using the injected now', () => {
    expect(run('docs/playbooks/p.md', docFm('playbook', { 'review-by': '2025-02-28' }))).toEqual([
      ['review-overdue', 'warning', 7],
    ]);
    expect(run('docs/playbooks/p.md', docFm('playbook', { 'review-by': '2025-03-01' }))).toEqual([]);
  });

  it('reads review dates written as strings or dates, and rejects others', () => {
    expect(reviewDateOf('2025-01-02')).toBe('2025-01-02');
    expect(reviewDateOf(new Date('2025-01-02T00:00:00Z'))).toBe('2025-01-02');
    expect(reviewDateOf('soon')).toBeUndefined();
  });
});
