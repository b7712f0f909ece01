/**
 * Runs `fn` over `items`, at most `limit` at a time, results in order: for many small file reads and writes
 * (the search index's pages, a site parts merge), which all at once swamp libuv's thread pool and one by one
 * wait on each other. The build's 10,000 run pages and mirrors use src/plugins/write-in-threads.ts instead.
 * Creating a file is a system call that costs 25 µs to 1 ms of kernel time on the shared bench machine (ext4
 * without a journal: the most right after many files were deleted, bench/history/run.ts), and in the thread
 * pool those calls run beside this thread's work: 10,000 files of 9 KB took 2.9 s one after another and 0.76 s
 * 16 at a time, in one run.
 *
 * After a call fails no other starts; the promise rejects with the first error once the calls under way
 * have settled, so nothing still writes after the caller saw the failure.
 */
export async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    try {
      while (next < items.length && !failed) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const workers = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = workers.find((w): w is PromiseRejectedResult => w.status === 'rejected');
  if (rejected) throw rejected.reason;
  return out;
}
