import { describe, expect, it } from 'vitest';
import {
  configOf,
  configText,
  falseAlarmsPer30,
  loadSeries,
  replayDetector,
  runsToDetection,
  seriesMachine,
} from './replay.ts';

/**
 * Replays the committed hyperfine series (real output recorded on the shared
 * 2-core machine, see series/README.md) through the detector and asserts what
 * issue 14 asks of it. Behaviour only: the series are fixed files.
 */
const cpuGated = { rule: 'mad' as const, metrics: ['mean', 'median', 'metric:user time'] };

async function flags(series: string[], settings: Parameters<typeof configText>[0], prefix: string[] = []) {
  const config = configOf(await configText(settings));
  const { flags } = await replayDetector([...prefix, ...series], 'regression-hyperfine', config, await seriesMachine());
  return flags.slice(prefix.length);
}

describe('detector quality on the committed hyperfine series', async () => {
  const aa = (await loadSeries('hyperfine', 'aa')).files;

  it('the A/A series has at least 30 runs', () => {
    expect(aa.length).toBeGreaterThanOrEqual(30);
  });

  it('window rule: at most 1 false alarm in 30 unchanged runs (the old rule: more)', async () => {
    expect(falseAlarmsPer30(await flags(aa, cpuGated))).toBeLessThanOrEqual(1);
    expect(falseAlarmsPer30(await flags(aa, { rule: 'mad' }))).toBeLessThanOrEqual(1);
    expect(falseAlarmsPer30(await flags(aa, { rule: 'previous' }))).toBeGreaterThan(1);
  });

  it.each(['ab-15', 'ab-30'])(
    'window rule with CPU time: a sustained %s slowdown is flagged within 3 runs',
    async (s) => {
      const ab = (await loadSeries('hyperfine', s)).files;
      expect(ab.length).toBeGreaterThanOrEqual(10);
      const at = runsToDetection(await flags(ab, cpuGated, aa));
      expect(at).toBeDefined();
      expect(at!).toBeLessThanOrEqual(3);
    },
  );
});
