import { describe, expect, it } from 'vitest';
import { sloConfigSchema } from './slo-targets.ts';
import { makeRun, op } from './test-runs.ts';
import { viewUrls } from './view-urls.ts';
import { planViews } from './views.ts';

const runs = [
  makeRun({
    suite: 'api',
    startedAt: '2026-11-26T04:00:00Z',
    labels: { label: '1x', loadMultiple: 1 },
    operations: [op('a')],
  }),
  makeRun({
    suite: 'api',
    startedAt: '2026-11-26T04:10:00Z',
    labels: { label: '10x', loadMultiple: 10 },
    operations: [op('a')],
  }),
  makeRun({
    suite: 'cli',
    startedAt: '2026-11-26T05:00:00Z',
    labels: { baseline: true, week: 1 },
    operations: [op('b')],
  }),
];

describe('viewUrls', () => {
  it('lists exactly the URLs planViews renders, without rendering', () => {
    const config = sloConfigSchema.parse({ version: 1, targets: [] });
    expect(viewUrls(runs).sort()).toEqual(
      planViews(runs, config)
        .map((v) => v.url)
        .sort(),
    );
    expect(viewUrls(runs)).toEqual(
      expect.arrayContaining(['/reports/api-history', '/reports/api-scale-test', '/reports/cli-history']),
    );
  });
});
