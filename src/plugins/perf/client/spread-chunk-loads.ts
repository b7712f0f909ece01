/**
 * Each chunk script the page needs is added in a task of its own. When a
 * route is preloaded (before hydration, and before a client-side navigation)
 * react-loadable asks for every chunk of the route at once (~11 on a doc
 * page), and webpack's script loader (`__webpack_require__.l`) creates and
 * appends each script element right there: in a CPU profile of the runbook
 * page that was one 88 ms task unthrottled, most of it in the loader and
 * `appendChild`. Deferring each call with `setTimeout(0)` keeps every
 * task short; the scripts are requested a few milliseconds later. Imported
 * for its effect by client/preload.ts, which runs before the first preload.
 */
interface WebpackRequire {
  l?: (url: string, done: (event: unknown) => void, key: string | undefined, chunkId: string | number) => void;
}
declare const __webpack_require__: WebpackRequire;

const load = typeof __webpack_require__ === 'undefined' ? undefined : __webpack_require__.l;
if (typeof window !== 'undefined' && typeof load === 'function') {
  __webpack_require__.l = (url, done, key, chunkId) => {
    setTimeout(() => load(url, done, key, chunkId), 0);
  };
}

export {};
