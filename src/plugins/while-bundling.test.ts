import { describe, expect, it } from 'vitest';
import { whileBundling, writeConcurrently } from './while-bundling.ts';

describe('writeConcurrently', () => {
  it('writes every item, at most 16 at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await writeConcurrently(
      Array.from({ length: 100 }, (_, i) => i),
      async (i) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        done.push(i);
      },
    );
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(most).toBe(16);
  });

  it('rejects with the first error once the writes under way have settled', async () => {
    let settled = 0;
    const run = writeConcurrently([1, 2, 3, 4], async (i) => {
      await new Promise((resolve) => setTimeout(resolve, i));
      settled++;
      if (i === 2) throw new Error('EIO: disk full');
    });
    await expect(run).rejects.toThrow('EIO: disk full');
    expect(settled).toBe(4);
  });

  it('starts no write after one failed', async () => {
    const started: number[] = [];
    const items = Array.from({ length: 100 }, (_, i) => i);
    const run = writeConcurrently(items, async (i) => {
      started.push(i);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (i === 0) throw new Error('EIO');
    });
    await expect(run).rejects.toThrow('EIO');
    // The first 16 start together; the lanes that finish after the failure take no more.
    expect(started.length).toBeLessThan(100);
  });
});

describe('whileBundling', () => {
  const compiler = () => {
    const taps: (() => void)[] = [];
    return {
      taps,
      hooks: {
        thisCompilation: {
          tap: (_: string, fn: (c: { hooks: { finishModules: { tap(n: string, f: () => void): void } } }) => void) =>
            fn({ hooks: { finishModules: { tap: (_n, f) => taps.push(f) } } }),
        },
      },
    };
  };

  it('starts the job once, when the production client compilation has its modules', async () => {
    let runs = 0;
    let started: Promise<void> | undefined;
    const { plugins } = whileBundling(
      'test',
      { mode: 'production' },
      false,
      async () => {
        runs++;
      },
      (p) => {
        started = p;
      },
    );
    const c = compiler();
    plugins[0]!.apply(c);
    expect(started).toBeUndefined();
    c.taps[0]!();
    c.taps[0]!();
    await started;
    expect(runs).toBe(1);
  });

  it('adds nothing to the server compilation or a development build', () => {
    const job = async () => undefined;
    expect(whileBundling('test', { mode: 'production' }, true, job, () => undefined).plugins).toEqual([]);
    expect(whileBundling('test', { mode: 'development' }, false, job, () => undefined).plugins).toEqual([]);
  });
});
