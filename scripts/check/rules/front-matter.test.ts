import { describe, expect, it } from 'vitest';
import { adrFm, docFm, docOf, md } from '../test-support.ts';
import { checkFrontMatter } from './front-matter.ts';

const rulesOf = (text: string, rel = 'docs/guides/g.md') =>
  checkFrontMatter([docOf(rel, text)]).map((f) => [f.rule, f.severity, f.line, f.message]);

describe('front-matter rule', () => {
  it('accepts a valid catalog document and a valid ADR', () => {
    expect(rulesOf(md(docFm('guide')))).toEqual([]);
    expect(rulesOf(md(adrFm(3)), 'adr/0003-use-redis.md')).toEqual([]);
  });

  it('reports wrong types, bad dates and unknown statuses on their lines', () => {
    const found = rulesOf(md(docFm('guide', { week: 'two', date: '2025-02-30', status: 'done' }))).sort(
      (a, b) => Number(a[2]) - Number(b[2]),
    );
    expect(found).toEqual([
      ['front-matter', 'error', 4, expect.stringMatching(/^status: /)],
      ['front-matter', 'error', 6, 'date: is not a real calendar date'],
      ['front-matter', 'error', 8, expect.stringMatching(/^week: /)],
    ]);
  });

  it('reports unknown keys (with a suggestion) but allows Docusaurus keys', () => {
    const found = rulesOf(md(docFm('guide', { reviewby: '2025-01-01', sidebar_position: 2, slug: '/x' })));
    expect(found).toEqual([['front-matter', 'error', 8, 'unknown key "reviewby" for kind guide']]);
    expect(checkFrontMatter([docOf('docs/guides/g.md', md(docFm('guide', { reviewby: '2025-01-01' })))])[0]!.hint).toBe(
      'rename it to review-by',
    );
  });

  it('reports an unknown kind', () => {
    expect(rulesOf(md(docFm('novel')))).toEqual([
      ['front-matter', 'error', 3, expect.stringContaining('unknown document kind "novel"')],
    ]);
  });

  it('leaves a missing review-by to the review-dates rule', () => {
    expect(rulesOf(md(docFm('runbook', { 'review-by': undefined })), 'runbooks/r.md')).toEqual([]);
  });

  it('warns when a kind sits in another section', () => {
    expect(rulesOf(md(docFm('runbook')), 'docs/r.md')).toEqual([
      ['front-matter', 'warning', 3, 'a runbook belongs in runbooks/, not docs/'],
    ]);
  });

  it('validates ADR records as kind adr', () => {
    expect(rulesOf(md(adrFm(3, { status: 'approved' })), 'adr/0003-x.md')).toEqual([
      ['front-matter', 'error', 4, expect.stringMatching(/^status: /)],
    ]);
  });

  it('needs a title on pages without a kind (front matter or # heading)', () => {
    expect(rulesOf('Just text\n', 'docs/page.md')).toEqual([['page-title', 'error', 1, 'page has no title']]);
    expect(rulesOf('# Heading\n\nText\n', 'docs/page.md')).toEqual([]);
    expect(rulesOf(md({ title: 'Runbooks', slug: '/' }), 'runbooks/index.md')).toEqual([]);
    expect(rulesOf(md({ title: 3 }), 'docs/page.md')).toEqual([
      ['page-title', 'error', 2, 'title must be a non-empty string'],
    ]);
  });
});
