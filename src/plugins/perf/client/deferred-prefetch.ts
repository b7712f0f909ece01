/**
 * Client module: Docusaurus prefetches the chunks of every internal link as
 * soon as it scrolls into view, synchronously in the IntersectionObserver
 * callback — one `<link rel="prefetch">` per chunk, after a scan of the whole
 * route table. On a page with a navbar, a sidebar and dozens of links that is
 * 100–300 ms of main-thread work right after hydration, the largest share of
 * the page's Total Blocking Time. The prefetches still happen, one at a time
 * in idle periods, so client-side navigation stays instant; hover preloading
 * (`window.docusaurus.preload`) is unchanged.
 * Core's prefetch matches the route table, so a link's route shard
 * (client/route-shards.ts) is loaded first: a link to a page whose leaf route
 * is not in main yet is prefetched all the same.
 */
import { deferPrefetch, type DocusaurusGlobal, type IdleScheduler, type Prefetch } from './defer.ts';
import { loadRouteShards } from './route-shards.ts';

function browserIdle(): IdleScheduler {
  if (typeof window.requestIdleCallback === 'function') return (work) => window.requestIdleCallback(work, { timeout: 2000 });
  return (work) => {
    setTimeout(() => {
      const start = performance.now();
      work({ timeRemaining: () => Math.max(0, 12 - (performance.now() - start)) });
    }, 50);
  };
}

if (typeof window !== 'undefined') {
  // clientEntry assigns a frozen `window.docusaurus` after the client modules
  // have run; Link reads `window.docusaurus.prefetch` on every call, so the
  // object is swapped once the current script has finished.
  queueMicrotask(() => {
    const w = window as unknown as { docusaurus?: DocusaurusGlobal };
    const original = w.docusaurus;
    if (!original || typeof original.prefetch !== 'function') return;
    const prefetchWithShard: Prefetch = (routePath) =>
      loadRouteShards(routePath).then(async () => {
        await original.prefetch(routePath);
        return [];
      });
    w.docusaurus = Object.freeze({ ...original, prefetch: deferPrefetch(prefetchWithShard, browserIdle()) });
  });
}
