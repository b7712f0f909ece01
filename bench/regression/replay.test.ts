import { describe, expect, it } from 'vitest';
import {
  configOf,
  configText,
  falseAlarmsPer30,
  loadSeries,
  replayDetector,
  runsToDetection,
  seriesMachine,
  type SeriesSet,
  type SeriesTool,
} from './replay.ts';

/**
 * Replays the committed series (real hyperfine and autocannon output recorded
 * on this 2-core machine, see series/README.md) through the detector with the
 * default settings and asserts what issue 14 asks of it. Behaviour only: the
 * series are fixed files.
 */
async function flags(
  tool: SeriesTool,
  series: string[],
  settings: Parameters<typeof configText>[0],
  prefix: string[] = [],
  set: SeriesSet = 'runner',
) {
  const config = configOf(await configText(settings));
  const { flags } = await replayDetector(
    [...prefix, ...series],
    `regression-${tool}`,
    config,
    await seriesMachine(set),
  );
  return flags.slice(prefix.length);
}

describe.each(['hyperfine', 'autocannon'] as const)('detector quality on the committed %s series', async (tool) => {
  const aa = (await loadSeries(tool, 'aa')).files;

  it('the A/A series has at least 30 runs', () => {
    expect(aa.length).toBeGreaterThanOrEqual(30);
  });

  it('defaults: at most 1 false alarm in 30 unchanged runs (the old rule: many more)', async () => {
    expect(falseAlarmsPer30(await flags(tool, aa, { rule: 'mad' }))).toBeLessThanOrEqual(1);
    expect(falseAlarmsPer30(await flags(tool, aa, { rule: 'previous' }))).toBeGreaterThan(5);
  });

  it.each(['ab-15', 'ab-30'])('defaults: a sustained %s slowdown is flagged within 3 runs', async (s) => {
    const ab = (await loadSeries(tool, s)).files;
    expect(ab.length).toBeGreaterThanOrEqual(10);
    const at = runsToDetection(await flags(tool, ab, { rule: 'mad' }, aa));
    expect(at).toBeDefined();
    expect(at!).toBeLessThanOrEqual(3);
  });
});

describe('the shared-machine series (load 20–25): quiet, not blind by accident', () => {
  it('no false alarm on the unchanged hyperfine runs, where wall time swung 3–8×', async () => {
    const aa = (await loadSeries('hyperfine', 'aa', 'shared-load-25')).files;
    expect(falseAlarmsPer30(await flags('hyperfine', aa, { rule: 'mad' }, [], 'shared-load-25'))).toBe(0);
  });
});
