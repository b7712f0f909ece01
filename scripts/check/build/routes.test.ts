import { describe, expect, it } from 'vitest';
import { docFm, docOf, md } from '../test-support.ts';
import { checkDuplicateRoutes } from './routes.ts';

const doc = (rel: string, extra: Record<string, unknown> = {}) => docOf(rel, md(docFm('guide', extra)));
const summary = (fs: ReturnType<typeof checkDuplicateRoutes>) => fs.map((f) => `${f.path}:${f.line} ${f.message}`);

describe('checkDuplicateRoutes', () => {
  it('reports both pages when a slug repeats another page URL, at the slug line', () => {
    const found = checkDuplicateRoutes([doc('docs/guides/a.md'), doc('docs/guides/b.md', { slug: '/guides/a' })]);
    expect(summary(found)).toEqual([
      "docs/guides/a.md:1 the page's URL /docs/guides/a is also the URL of docs/guides/b.md",
      "docs/guides/b.md:8 the page's URL /docs/guides/a is also the URL of docs/guides/a.md",
    ]);
  });

  it('sees number prefixes and index pages the way Docusaurus does', () => {
    const found = checkDuplicateRoutes([doc('docs/guides/01-a.md'), doc('docs/guides/a.md')]);
    expect(found).toHaveLength(2);
    expect(checkDuplicateRoutes([doc('docs/guides/index.md'), doc('docs/guides/guides.md')])).toHaveLength(2);
  });

  it('leaves pairs of ADRs to adr-id and distinct URLs alone', () => {
    expect(checkDuplicateRoutes([doc('adr/0001-x.md'), doc('adr/0002-x.md')])).toEqual([]);
    expect(checkDuplicateRoutes([doc('docs/a.md'), doc('runbooks/a.md')])).toEqual([]);
  });

  it('reports a page at the URL of a site page or of a generated one', () => {
    expect(summary(checkDuplicateRoutes([doc('docs/x.md', { slug: '/tags' })], new Set()))).toEqual([
      "docs/x.md:8 the page's URL /docs/tags is also a page Docusaurus generates (tags, authors, pagination)",
    ]);
    expect(checkDuplicateRoutes([docOf('reports/authors.md', md({ title: 'A' }))])).toHaveLength(1);
    // The blog archive is off (docusaurus.config.ts): a report may be called archive.
    expect(checkDuplicateRoutes([docOf('reports/archive.md', md({ title: 'A' }))])).toEqual([]);
    expect(checkDuplicateRoutes([doc('docs/x.md')], new Set(['/docs/x']))).toHaveLength(1);
  });
});
