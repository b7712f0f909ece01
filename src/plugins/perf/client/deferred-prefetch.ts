/**
 * Client module: Docusaurus prefetches the chunks of every internal link as
 * soon as it scrolls into view, synchronously in the IntersectionObserver
 * callback — one `<link rel="prefetch">` per chunk, after a scan of the whole
 * route table. On a page with a navbar, a sidebar and dozens of links that is
 * 100–300 ms of main-thread work right after hydration, the largest share of
 * the page's Total Blocking Time. The prefetches still happen, one at a time
 * in idle periods, so client-side navigation stays instant; hover preloading
 * (`window.docusaurus.preload`) is unchanged.
 * Core's prefetch matches the route table. A link whose leaf route is in a
 * shard not merged yet (client/route-shards.ts) gets that shard's file
 * prefetched, downloaded but not run: merging a shard per visible link would
 * execute route data for pages the reader may never open. Hovering or
 * touching the link preloads it (shard from the cache, then its chunks).
 */
import { deferPrefetch, type DocusaurusGlobal, type IdleScheduler, type Prefetch } from './defer.ts';
import prefetchFile from '@docusaurus/core/lib/client/prefetch';
import { missingRouteShards } from './route-shards.ts';

declare const __webpack_require__: { gca?: (chunkName: string) => string };

const prefetchedFiles = new Set<string>();

/** Downloads a route shard's chunk into the HTTP cache with core's own prefetch helper (link prefetch, XHR where unsupported). */
function prefetchShardFile(id: number): void {
  const url = typeof __webpack_require__.gca === 'function' ? __webpack_require__.gca(`routes-${id}`) : undefined;
  if (!url || url.includes('undefined') || prefetchedFiles.has(url)) return;
  prefetchedFiles.add(url);
  void prefetchFile(url);
}

function browserIdle(): IdleScheduler {
  if (typeof window.requestIdleCallback === 'function')
    return (work) => window.requestIdleCallback(work, { timeout: 2000 });
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
    const prefetchWithShard: Prefetch = (routePath) => {
      const missing = missingRouteShards(routePath);
      if (missing.length === 0) return original.prefetch(routePath);
      missing.forEach(prefetchShardFile);
      return Promise.resolve([]);
    };
    w.docusaurus = Object.freeze({ ...original, prefetch: deferPrefetch(prefetchWithShard, browserIdle()) });
  });
}
