import type { RunBody, SourceText } from './adapter.ts';
import { at, child, compact, invalid, isObject, isoDate, parseJson, statOf, type At, type Json } from './input.ts';
import type { Latency, Metric, Operation } from './run-schema.ts';

/**
 * autocannon `--json` (-j). Latency in ms. Percentile keys changed: old
 * (0.x) `p999`/`p9999` = 99.9/99.99th, new `p99_9`/`p97_5`. `requests.average`
 * is the mean of per-second samples (req/s); `throughput` is bytes/s.
 */

const percentileKeys: [string, keyof Latency][] = [
  ['p50', 'p50'],
  ['p75', 'p75'],
  ['p90', 'p90'],
  ['p95', 'p95'],
  ['p99', 'p99'],
  ['p99_9', 'p999'],
  ['p999', 'p999'],
];

function latencyOf(lat: Json, where: At): Latency {
  const out: Latency = compact({
    min: statOf(lat, 'min', where),
    mean: statOf(lat, 'mean', where) ?? statOf(lat, 'average', where),
    max: statOf(lat, 'max', where),
    stddev: statOf(lat, 'stddev', where),
  });
  for (const [key, target] of percentileKeys) {
    const v = statOf(lat, key, where);
    if (v !== undefined && out[target] === undefined) out[target] = v;
  }
  return out;
}

export function parseAutocannon(files: SourceText[]): RunBody[] {
  return files.map((file) => {
    const doc = parseJson(file.text, file.path);
    const root = at(file.path, '');
    if (!isObject(doc) || !isObject(doc.latency) || !isObject(doc.requests))
      throw invalid(root, 'is not autocannon JSON (no latency/requests)', 'run autocannon with -j/--json');
    const requests = doc.requests;
    const rw = child(root, 'requests');
    const total = statOf(requests, 'total', rw);
    const errs = statOf(doc, 'errors', root);
    const non2xx = statOf(doc, 'non2xx', root);
    const timeouts = statOf(doc, 'timeouts', root);
    const errors = errs !== undefined || non2xx !== undefined ? (errs ?? 0) + (non2xx ?? 0) : undefined;
    const metrics: Metric[] = [];
    const tp = isObject(doc.throughput) ? statOf(doc.throughput, 'average', child(root, 'throughput')) : undefined;
    if (tp !== undefined)
      metrics.push({
        name: 'throughput',
        unit: 'bytes/s',
        value: tp,
        direction: 'higher',
        ...(isObject(doc.throughput) && typeof doc.throughput.stddev === 'number'
          ? { range: statOf(doc.throughput, 'stddev', child(root, 'throughput')) }
          : {}),
      });
    if (non2xx !== undefined)
      metrics.push({ name: 'non-2xx responses', unit: 'count', value: non2xx, direction: 'lower' });
    if (errs !== undefined) metrics.push({ name: 'errors', unit: 'count', value: errs, direction: 'lower' });
    if (timeouts !== undefined) metrics.push({ name: 'timeouts', unit: 'count', value: timeouts, direction: 'lower' });
    for (const cls of ['1xx', '2xx', '3xx', '4xx', '5xx']) {
      const n = statOf(doc, cls, root);
      if (n !== undefined)
        metrics.push({
          name: `${cls} responses`,
          unit: 'count',
          value: n,
          direction: cls === '2xx' ? 'higher' : cls === '1xx' || cls === '3xx' ? 'lower' : 'lower',
        });
    }
    const op = compact<Operation>({
      name: typeof doc.url === 'string' ? doc.url : typeof doc.title === 'string' ? doc.title : 'autocannon',
      kind: 'http',
      count: total,
      errors,
      errorRate: total !== undefined && errors !== undefined && total > 0 ? Math.min(1, errors / total) : undefined,
      throughput: statOf(requests, 'average', rw) ?? statOf(requests, 'mean', rw),
      latency: latencyOf(doc.latency, child(root, 'latency')),
      metrics,
    });
    const environment: Record<string, string> = {};
    for (const key of ['connections', 'pipelining', 'workers', 'amount'])
      if (typeof doc[key] === 'number') environment[key] = String(doc[key]);
    const duration = statOf(doc, 'duration', root);
    return compact<RunBody>({
      tool: { name: 'autocannon' },
      format: 'autocannon',
      startedAt: isoDate(doc.start),
      durationMs: duration !== undefined ? duration * 1000 : undefined,
      environment,
      operations: [op],
    });
  });
}
