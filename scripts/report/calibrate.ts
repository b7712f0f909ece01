import { createHash } from 'node:crypto';

/**
 * A short fixed CPU workload timed at ingest, like Lighthouse's
 * benchmarkIndex: the machine's speed at that moment, so a slow minute on a
 * shared machine (other jobs on the CPU) can be told apart from a slow
 * program. The score is work units per millisecond (higher = faster); the
 * workload never changes within a `calibrationWorkload` id.
 */
export const calibrationWorkload = 'sha256-chain-8x5000-v1';

function burst(rounds: number): number {
  let h = Buffer.from('sophia-kb');
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) h = createHash('sha256').update(h).digest();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (h.length !== 32) throw new Error('unreachable');
  return ms;
}

/** Runs the workload (8 bursts of 5,000 sha256 rounds, ~0.2 s idle) and returns rounds per ms (median burst). */
export function calibrate(): { workload: string; score: number } {
  burst(500); // warm-up: JIT and the hash binding
  const times = Array.from({ length: 8 }, () => burst(5000)).sort((a, b) => a - b);
  const median = (times[3]! + times[4]!) / 2;
  return { workload: calibrationWorkload, score: Math.round((5000 / median) * 100) / 100 };
}
