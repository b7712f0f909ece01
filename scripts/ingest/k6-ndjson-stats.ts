import { createRequire } from 'node:module';
import type { Histogram } from 'hdr-histogram-js';
import { compact } from './input.ts';
import type { Latency } from './run-schema.ts';

/**
 * Streaming statistics for k6 NDJSON: one Series per endpoint/trend (exact
 * count, min, max, mean, stddev; percentiles from an HDR histogram at 1 µs
 * resolution with 3 significant digits, i.e. within 0.1 %), and the per-second
 * Timeline, whose buckets are closed (percentiles computed, histogram recycled)
 * once they are 10 s behind the newest point, so memory stays constant.
 */

/**
 * hdr-histogram-js, loaded on the first histogram: only k6 NDJSON needs it, and loading it costs every other
 * `kb ingest` ~20 ms (its module setup formats tables of floats).
 */
let hdr: typeof import('hdr-histogram-js') | undefined;

export function newHistogram(digits: 2 | 3 = 3): Histogram {
  hdr ??= createRequire(import.meta.url)('hdr-histogram-js') as typeof import('hdr-histogram-js');
  return hdr.build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: digits,
  });
}

export class Series {
  readonly hist = newHistogram();
  count = 0;
  sum = 0;
  sumSq = 0;
  min = Infinity;
  max = -Infinity;
  errors = 0;
  failedSamples = 0;

  record(ms: number): void {
    this.count += 1;
    this.sum += ms;
    this.sumSq += ms * ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    this.hist.recordValue(Math.round(ms * 1000));
  }

  latency(): Latency | undefined {
    if (this.count === 0) return undefined;
    const pct = (p: number) => Math.min(this.max, Math.max(this.min, this.hist.getValueAtPercentile(p) / 1000));
    const mean = this.sum / this.count;
    const variance = this.count > 1 ? Math.max(0, (this.sumSq - this.count * mean * mean) / (this.count - 1)) : 0;
    return {
      min: this.min,
      mean,
      median: pct(50),
      p50: pct(50),
      p75: pct(75),
      p90: pct(90),
      p95: pct(95),
      p99: pct(99),
      p999: pct(99.9),
      max: this.max,
      stddev: Math.sqrt(variance),
    };
  }

  /** Error ratio from http_req_failed samples, when there were any. */
  errorRate(): number | undefined {
    return this.failedSamples > 0 ? this.errors / this.failedSamples : undefined;
  }
}

export interface Bucket {
  count: number;
  errors: number;
  failedSamples: number;
  users?: number;
  hist?: Histogram;
  /** Percentiles computed; a late point still counts but no longer enters the percentiles. */
  closed?: boolean;
  p50?: number;
  p95?: number;
  p99?: number;
}

/** How many seconds a bucket may stay open for late points before its percentiles are computed. */
const BUCKET_LAG_S = 10;

export class Timeline {
  private readonly buckets = new Map<number, Bucket>();
  private readonly open = new Set<number>();
  private readonly pool: Histogram[] = [];
  private newestSecond = -Infinity;
  private finalizedBefore = -Infinity;

  /** The bucket of a time in epoch ms. */
  at(ms: number): Bucket {
    const second = Math.floor(ms / 1000);
    if (second > this.newestSecond) {
      this.newestSecond = second;
      const closeBefore = second - BUCKET_LAG_S;
      if (closeBefore > this.finalizedBefore) {
        for (const sec of this.open) {
          if (sec < closeBefore) {
            this.close(this.buckets.get(sec)!);
            this.open.delete(sec);
          }
        }
        this.finalizedBefore = closeBefore;
      }
    }
    let b = this.buckets.get(second);
    if (!b) {
      const closed = second < this.finalizedBefore;
      this.buckets.set(second, (b = { count: 0, errors: 0, failedSamples: 0, closed }));
      if (!closed) this.open.add(second);
    }
    return b;
  }

  /** Records a request duration (ms) in its bucket. */
  request(ms: number, durationMs: number): void {
    const b = this.at(ms);
    b.count += 1;
    if (!b.closed) (b.hist ??= this.pool.pop() ?? newHistogram(2)).recordValue(Math.round(durationMs * 1000));
  }

  private close(b: Bucket): void {
    b.closed = true;
    if (!b.hist) return;
    b.p50 = b.hist.getValueAtPercentile(50) / 1000;
    b.p95 = b.hist.getValueAtPercentile(95) / 1000;
    b.p99 = b.hist.getValueAtPercentile(99) / 1000;
    b.hist.reset();
    this.pool.push(b.hist);
    b.hist = undefined;
  }

  /** Closes every bucket and returns the points, t in seconds from `startSecond`. */
  points(startSecond: number): {
    t: number;
    users?: number;
    throughput?: number;
    errorRate?: number;
    p50?: number;
    p95?: number;
    p99?: number;
  }[] {
    for (const sec of this.open) this.close(this.buckets.get(sec)!);
    this.open.clear();
    return [...this.buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([sec, b]) =>
        compact({
          t: sec - startSecond,
          users: b.users,
          throughput: b.count,
          errorRate: b.failedSamples > 0 ? b.errors / b.failedSamples : undefined,
          p50: b.p50,
          p95: b.p95,
          p99: b.p99,
        }),
      );
  }
}
