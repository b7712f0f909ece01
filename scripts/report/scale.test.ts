import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseRuns } from '../ingest/parse-run.ts';
import { breakingPoints, describeBreakingPoint } from './scale.ts';
import { scaleSeries } from './series.ts';
import { parseSloTargets } from './slo-targets.ts';

const fixtures = new URL('../../fixtures/bench-local/', import.meta.url);

async function locust(label: string) {
  const files = await Promise.all(
    ['stats', 'stats_history', 'failures'].map(async (p) => ({
      path: `locust-${label}_${p}.csv`,
      bytes: await readFile(new URL(`locust-${label}_${p}.csv`, fixtures)),
    })),
  );
  return (await parseRuns(files, { suite: 'sample-api', label, now: new Date('2026-11-26T06:00:00Z') }))[0]!;
}

describe('scale series of the bench-local Locust runs', () => {
  it('finds where each SLO breaks', async () => {
    const runs = await Promise.all(['100x', '1x', '10x'].map(locust));
    const series = scaleSeries('sample-api', runs);
    expect(series.map((r) => r.labels.label)).toEqual(['1x', '10x', '100x']);
    const { value } = parseSloTargets(await readFile(new URL('../../slo-targets.yaml', import.meta.url), 'utf8'));
    const bps = Object.fromEntries(breakingPoints(value!.targets, series).map((b) => [b.target.id, b]));
    expect(bps['api-p99']!.breaksAt?.label).toBe('10x');
    expect(bps['api-p99']!.holdsUpTo?.label).toBe('1x');
    expect(bps['db-query-p95']!.breaksAt?.label).toBe('10x');
    expect(describeBreakingPoint(bps['error-rate']!)).toBe('holds at every load up to 100x');
    expect(describeBreakingPoint(bps['requests-per-second']!)).toBe('already fails at 1x');
  });
});
