import { describe, expect, it } from 'vitest';
import { deferPrefetch, SLICE_BUDGET_MS, type IdleDeadline } from './defer.ts';

/** A scheduler the test drives by hand: each `run` grants one idle slice of `budget` calls. */
function manualIdle() {
  const pending: ((deadline: IdleDeadline) => void)[] = [];
  return {
    idle: (work: (deadline: IdleDeadline) => void) => void pending.push(work),
    get pending() {
      return pending.length;
    },
    run(budget: number) {
      const work = pending.shift();
      let left = budget;
      // Each check of timeRemaining() after the first costs one unit of the budget.
      work?.({ timeRemaining: () => (left-- > 0 ? 50 : 0) });
    },
  };
}

describe('deferPrefetch', () => {
  it('prefetches nothing synchronously and everything once idle time comes', () => {
    const done: string[] = [];
    const scheduler = manualIdle();
    const prefetch = deferPrefetch((p) => (done.push(p), Promise.resolve([])), scheduler.idle);
    for (const p of ['/docs/a', '/docs/b', '/adr/c']) prefetch(p);
    expect(done).toEqual([]);
    expect(scheduler.pending).toBe(1);
    scheduler.run(10);
    expect(done).toEqual(['/docs/a', '/docs/b', '/adr/c']);
    expect(scheduler.pending).toBe(0);
  });

  it('spreads a long queue over several idle slices, in order', () => {
    const done: string[] = [];
    const scheduler = manualIdle();
    const prefetch = deferPrefetch((p) => (done.push(p), Promise.resolve([])), scheduler.idle);
    for (let i = 0; i < 5; i++) prefetch(`/p${i}`);
    scheduler.run(2);
    expect(done).toEqual(['/p0', '/p1']);
    expect(scheduler.pending).toBe(1);
    scheduler.run(2);
    scheduler.run(2);
    expect(done).toEqual(['/p0', '/p1', '/p2', '/p3', '/p4']);
    expect(scheduler.pending).toBe(0);
  });

  it('queues a route once however many links point at it', () => {
    const done: string[] = [];
    const scheduler = manualIdle();
    const prefetch = deferPrefetch((p) => (done.push(p), Promise.resolve([])), scheduler.idle);
    prefetch('/docs/a');
    prefetch('/docs/a');
    prefetch('/docs/a');
    scheduler.run(10);
    expect(done).toEqual(['/docs/a']);
  });

  it('schedules again for calls that arrive after the queue drained', () => {
    const done: string[] = [];
    const scheduler = manualIdle();
    const prefetch = deferPrefetch((p) => (done.push(p), Promise.resolve([])), scheduler.idle);
    prefetch('/a');
    scheduler.run(10);
    prefetch('/b');
    expect(scheduler.pending).toBe(1);
    scheduler.run(10);
    expect(done).toEqual(['/a', '/b']);
  });

  it('ends a slice after its time budget even when the browser offers a whole idle period', () => {
    const done: string[] = [];
    const scheduler = manualIdle();
    let clock = 0;
    // Each prefetch takes 3 ms: a slice fits the ones that start within the budget.
    const prefetch = deferPrefetch(
      (p) => ((clock += 3), done.push(p), Promise.resolve([])),
      scheduler.idle,
      () => clock,
    );
    for (let i = 0; i < 10; i++) prefetch(`/p${i}`);
    scheduler.run(100);
    const perSlice = Math.ceil(SLICE_BUDGET_MS / 3);
    expect(done).toHaveLength(perSlice);
    expect(scheduler.pending).toBe(1);
    while (scheduler.pending > 0) scheduler.run(100);
    expect(done).toEqual(Array.from({ length: 10 }, (_, i) => `/p${i}`));
  });
});
