/**
 * The build's proof that every rewrite of the perf layer fired (see
 * ledger.cjs): run in postBuild over the counts the loaders and bundler
 * plugins recorded.
 */

export interface RewriteCount {
  /** Times the rewrite got its input. */
  seen: number;
  /** Times it changed it. */
  applied: number;
}

export interface RewriteCheck {
  /** One line each: a rewrite that ran and changed nothing, or (no persistent cache) never ran. */
  failures: string[];
  /** Rewrites that never ran while a persistent bundler cache was on: their modules may have come from the cache. */
  unverified: string[];
}

export function checkRewrites(
  expected: readonly string[],
  counts: ReadonlyMap<string, RewriteCount>,
  persistentCache: boolean,
): RewriteCheck {
  const failures: string[] = [];
  const unverified: string[] = [];
  for (const name of expected) {
    const count = counts.get(name) ?? { seen: 0, applied: 0 };
    if (count.applied > 0) continue;
    if (count.seen > 0) failures.push(`${name}: ran ${count.seen}× and changed nothing (its target text is gone)`);
    else if (persistentCache) unverified.push(name);
    else failures.push(`${name}: never ran (its target module is no longer in the build)`);
  }
  return { failures, unverified };
}
