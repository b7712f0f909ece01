import type { RunBody, SourceText } from './adapter.ts';
import { at, child, compact, invalid, isObject, parseJson, stat, statOf, type At, type Json } from './input.ts';
import type { Latency, Operation } from './run-schema.ts';

/**
 * Locust `--json` (2.x): a list of per-endpoint stats objects, the same shape
 * as Locust's StatsEntry.serialize(): name, method, num_requests,
 * num_failures, min/max/total_response_time (ms), response_times (a
 * histogram {rounded ms: count}), start_time, last_request_timestamp (epoch s).
 * Percentiles are computed from that histogram the way Locust computes its own
 * (calculate_response_time_percentile), so they match its CSV and web UI.
 */

function histogramOf(raw: unknown, where: At): [number, number][] {
  if (!isObject(raw)) return [];
  return Object.entries(raw)
    .map(([k, v]): [number, number] => {
      const ms = Number(k);
      if (!Number.isFinite(ms) || ms < 0)
        throw invalid(child(where, k), 'is not a response time bucket', 'pass the file Locust wrote with --json');
      return [ms, stat(v, child(where, k)) ?? 0];
    })
    .sort((a, b) => b[0] - a[0]);
}

/** Locust's algorithm: walk buckets from the slowest until the remaining requests fall within the percentile. */
function percentile(desc: [number, number][], total: number, fraction: number): number | undefined {
  if (total === 0) return undefined;
  const wanted = Math.trunc(total * fraction);
  let processed = 0;
  for (const [ms, n] of desc) {
    processed += n;
    if (total - processed <= wanted) return ms;
  }
  return 0;
}

function operationOf(raw: Json, where: At): Operation {
  if (typeof raw.name !== 'string')
    throw invalid(child(where, 'name'), 'is missing', 'pass the file Locust wrote with --json');
  const count = statOf(raw, 'num_requests', where);
  const failures = statOf(raw, 'num_failures', where);
  const total = statOf(raw, 'total_response_time', where);
  const hist = histogramOf(raw.response_times, child(where, 'response_times'));
  const n = count ?? 0;
  const latency: Latency = compact({
    min: statOf(raw, 'min_response_time', where),
    mean: total !== undefined && n > 0 ? total / n : undefined,
    median: percentile(hist, n, 0.5),
    p50: percentile(hist, n, 0.5),
    p75: percentile(hist, n, 0.75),
    p90: percentile(hist, n, 0.9),
    p95: percentile(hist, n, 0.95),
    p99: percentile(hist, n, 0.99),
    p999: percentile(hist, n, 0.999),
    max: statOf(raw, 'max_response_time', where),
  });
  const start = statOf(raw, 'start_time', where);
  const last = statOf(raw, 'last_request_timestamp', where);
  return compact<Operation>({
    name: raw.name,
    kind: typeof raw.method === 'string' && raw.method !== '' ? raw.method : undefined,
    count,
    errors: failures,
    errorRate: count !== undefined && failures !== undefined && count > 0 ? Math.min(1, failures / count) : undefined,
    throughput:
      count !== undefined && start !== undefined && last !== undefined && last > start
        ? count / (last - start)
        : undefined,
    latency: Object.keys(latency).length > 0 ? latency : undefined,
  });
}

export function parseLocustJson(files: SourceText[]): RunBody[] {
  return files.map((file) => {
    const doc = parseJson(file.text, file.path);
    const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.stats) ? doc.stats : undefined;
    const root = at(file.path, Array.isArray(doc) ? '' : 'stats');
    if (!list) throw invalid(root, 'is not a list of Locust stats entries', 'pass the file Locust wrote with --json');
    const entries = list.map((raw, i) => {
      if (!isObject(raw)) throw invalid(child(root, i), 'is not an object', 'pass the file Locust wrote with --json');
      return raw;
    });
    const operations = entries.map((raw, i) => operationOf(raw, child(root, i)));
    const starts = entries.map((e) => e.start_time).filter((t): t is number => typeof t === 'number' && t > 0);
    const ends = entries
      .map((e) => e.last_request_timestamp)
      .filter((t): t is number => typeof t === 'number' && t > 0);
    const startS = starts.length > 0 ? Math.min(...starts) : undefined;
    const endS = ends.length > 0 ? Math.max(...ends) : undefined;
    return compact<RunBody>({
      tool: { name: 'locust' },
      format: 'locust-json',
      startedAt: startS !== undefined ? new Date(startS * 1000).toISOString() : undefined,
      durationMs: startS !== undefined && endS !== undefined && endS >= startS ? (endS - startS) * 1000 : undefined,
      environment: {},
      operations,
    });
  });
}
