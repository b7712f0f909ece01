import { describe, expect, it } from 'vitest';
import { whileBundling } from './while-bundling.ts';

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
