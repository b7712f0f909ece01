import { describe, expect, it } from 'vitest';
import { runPagesFromContent, storedRunsFromContent, viewPagesFromContent } from './benchmark-views.ts';

const run = (id: string) => ({
  url: `/reports/runs/${id}`,
  source: `reports/runs/${id}.md`,
  file: `reports/runs/${id}.html`,
  frontMatter: { title: id, run: id, suite: 'api', tags: ['benchmark'] },
});
const view = {
  url: '/reports/api-history',
  source: 'benchmark-views:api-history',
  section: 'reports',
  frontMatter: { title: 'api', kind: 'benchmark-history' },
  markdown: '# api\n',
};
const allContent = (content: Record<string, unknown>) => ({ 'benchmark-views': { default: content } });

describe('the benchmark-views content as other plugins read it', () => {
  it('gives the run pages, views and stored runs, the run pages as the plugin loaded them', () => {
    const runs = [run('api-1'), run('api-2')];
    const content = allContent({ views: [view], runs, storedRuns: [{ id: 'api-1' }] });
    expect(runPagesFromContent(content)).toEqual(runs);
    expect(runPagesFromContent(content)[0]).toBe(runs[0]);
    expect(viewPagesFromContent(content)).toEqual([view]);
    expect(storedRunsFromContent(content)).toEqual([{ id: 'api-1' }]);
    expect(runPagesFromContent(allContent({ views: [] }))).toEqual([]);
    expect(runPagesFromContent({})).toEqual([]);
  });

  it('fails with one line naming the first run page entry that changed shape, and its field', () => {
    const bad = (runs: unknown[]) => () => runPagesFromContent(allContent({ views: [], runs }));
    expect(bad([run('a'), { ...run('b'), url: 3 }])).toThrow(
      /^\[ai-readable\] the benchmark-views content changed shape: runs\.1\.url: expected string$/,
    );
    expect(bad([null])).toThrow(/changed shape: runs\.0: expected object$/);
    expect(bad([{ ...run('a'), frontMatter: [] }])).toThrow(/changed shape: runs\.0\.frontMatter: expected record$/);
    expect(() => viewPagesFromContent(allContent({ views: [{ ...view, section: 'blog' }] }))).toThrow(
      /changed shape: views\.0\.section: /,
    );
  });
});
