/**
 * Runs `fn` over `items`, at most `limit` at a time, results in order: for the build's many small file
 * reads and writes (one per stored run), which all at once swamp libuv's thread pool and one by one wait
 * on each other.
 */
export async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
