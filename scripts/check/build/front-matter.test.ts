import { describe, expect, it } from 'vitest';
import { docFm, docOf, md } from '../test-support.ts';
import { memoryCache } from './cache.ts';
import { checkDocusaurusFrontMatter } from './front-matter.ts';

const check = (rel: string, fm: Record<string, unknown>) =>
  checkDocusaurusFrontMatter([docOf(rel, md(fm))], memoryCache()).then((fs) =>
    fs.map((f) => `${f.line} ${f.rule} ${f.message}`),
  );

describe('checkDocusaurusFrontMatter', () => {
  it('passes catalog front matter, kebab-case keys and all', async () => {
    expect(await check('docs/guides/a.md', docFm('guide', { tags: ['a', 'b'], sidebar_position: 2 }))).toEqual([]);
    expect(await check('reports/2025-01-06-a.md', docFm('weekly-report', { week: 1, authors: ['kb'] }))).toEqual([]);
  });

  it("reports what plugin-content-docs' schema rejects, at the key's line", async () => {
    const found = await check('docs/guides/a.md', { title: 'A', sidebar_position: 'high', hide_title: 'maybe' });
    expect(found.sort()).toEqual([
      '3 docusaurus-front-matter Docusaurus rejects the front matter: "sidebar_position" must be a number',
      '4 docusaurus-front-matter Docusaurus rejects the front matter: "hide_title" must be a boolean',
    ]);
  });

  it('judges reports with the blog schema, not the docs one', async () => {
    expect(await check('reports/2025-01-06-a.md', { title: 'A', date: 'next tuesday' })).toEqual([
      '3 docusaurus-front-matter Docusaurus rejects the front matter: "date" must be a valid date',
    ]);
    // sidebar_position means nothing to the blog: no finding there.
    expect(await check('reports/2025-01-06-a.md', { title: 'A', sidebar_position: 'high' })).toEqual([]);
  });

  it("validates the mdx key with mdx-loader's validator", async () => {
    const found = await check('docs/guides/a.md', { title: 'A', mdx: { format: 'html' } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^3 docusaurus-front-matter .*mdx: .*format/);
  });
});
