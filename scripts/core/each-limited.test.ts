import { describe, expect, it } from 'vitest';
import { eachLimited } from './each-limited.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('eachLimited', () => {
  it('runs every item, at most `limit` at a time, results in order', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await eachLimited(
      Array.from({ length: 100 }, (_, i) => i),
      16,
      async (i) => {
        most = Math.max(most, ++inFlight);
        await tick(1);
        inFlight--;
        return i * 2;
      },
    );
    expect(out).toEqual(Array.from({ length: 100 }, (_, i) => i * 2));
    expect(most).toBe(16);
  });

  it('rejects with the first error once the calls under way have settled', async () => {
    let settled = 0;
    const run = eachLimited([1, 2, 3, 4], 16, async (i) => {
      await tick(i);
      settled++;
      if (i === 2) throw new Error('EIO: disk full');
    });
    await expect(run).rejects.toThrow('EIO: disk full');
    expect(settled).toBe(4);
  });

  it('starts no call after one failed', async () => {
    const started: number[] = [];
    const run = eachLimited(
      Array.from({ length: 100 }, (_, i) => i),
      16,
      async (i) => {
        started.push(i);
        await tick(1);
        if (i === 0) throw new Error('EIO');
      },
    );
    await expect(run).rejects.toThrow('EIO');
    // The first 16 start together; the workers that finish after the failure take no more.
    expect(started.length).toBeLessThan(100);
  });
});
