/**
 * The queue behind client/deferred-prefetch.ts: prefetch calls run one at a
 * time in idle slices instead of synchronously. Pure, so it is unit-tested.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: Docusaurus's own type for window.docusaurus.prefetch
export type Prefetch = (routePath: string) => false | Promise<void[]>;
export interface DocusaurusGlobal {
  prefetch: Prefetch;
  // biome-ignore lint/suspicious/noConfusingVoidType: Docusaurus's own type for window.docusaurus.preload
  preload: (routePath: string) => false | Promise<void[]>;
}
export interface IdleDeadline {
  timeRemaining(): number;
}
export type IdleScheduler = (work: (deadline: IdleDeadline) => void) => void;

/** Idle slices end this early, so a slice never runs into a long task. */
const SLICE_MARGIN_MS = 4;

/**
 * And they take at most this long, even when the browser offers a whole idle
 * period (up to 50 ms). Lighthouse's simulated phone counts each task four
 * times as long as it ran: a 46 ms slice of prefetches became a 184 ms long
 * task there (issue 7, the search page's Total Blocking Time); 8 ms stays
 * under 50 ms even at that slowdown.
 */
export const SLICE_BUDGET_MS = 8;

/**
 * Wraps `prefetch` so that calls queue up and run in idle slices; `idle` is
 * `requestIdleCallback` in the browser (a short timeout where a browser lacks
 * it), a hand-driven scheduler in the test; `now` is the clock the slice
 * budget is measured with.
 */
export function deferPrefetch(
  prefetch: Prefetch,
  idle: IdleScheduler,
  now: () => number = () => performance.now(),
): Prefetch {
  const queue: string[] = [];
  const queued = new Set<string>();
  let scheduled = false;
  const drain = (deadline: IdleDeadline) => {
    const end = now() + SLICE_BUDGET_MS;
    while (queue.length > 0 && deadline.timeRemaining() > SLICE_MARGIN_MS && now() < end) {
      const routePath = queue.shift()!;
      queued.delete(routePath);
      void prefetch(routePath);
    }
    if (queue.length > 0) idle(drain);
    else scheduled = false;
  };
  return (routePath) => {
    if (!queued.has(routePath)) {
      queued.add(routePath);
      queue.push(routePath);
    }
    if (!scheduled) {
      scheduled = true;
      idle(drain);
    }
    return Promise.resolve([]);
  };
}
