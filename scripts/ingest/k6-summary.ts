import type { RunBody, SourceText } from './adapter.ts';
import { at, child, compact, invalid, isObject, parseJson, stat, type At, type Json } from './input.ts';
import type { Latency, Metric, Operation } from './run-schema.ts';

/**
 * k6 end-of-test summaries, two shapes:
 * - legacy `--summary-export`: `metrics.<name>` is flat ({avg, min, med, …} or
 *   {count, rate} or {passes, fails, value}); `thresholds` map expression →
 *   boolean where **true means the threshold FAILED**.
 * - `handleSummary(data)` written with JSON.stringify: `metrics.<name>` is
 *   {type, contains, values:{…}, thresholds: {expr: {ok}}}; `state.testRunDurationMs`.
 * k6 trend values with contains "time" are already in ms.
 */

type Flavor = 'export' | 'handle';

interface MetricView {
  name: string;
  type?: string;
  contains?: string;
  values: Json;
  where: At;
}

const trendKeys: Record<string, keyof Latency> = {
  avg: 'mean',
  min: 'min',
  med: 'median',
  max: 'max',
  'p(50)': 'p50',
  'p(75)': 'p75',
  'p(90)': 'p90',
  'p(95)': 'p95',
  'p(99)': 'p99',
  'p(99.9)': 'p999',
};

/** Built-in k6 metrics that are parts of a request's timing, left out of the operations to keep reports about endpoints. */
const requestPhases = new Set([
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
]);

function latencyOf(view: MetricView): Latency | undefined {
  const latency: Latency = {};
  for (const [key, target] of Object.entries(trendKeys)) {
    const v = stat(view.values[key], child(view.where, key));
    if (v !== undefined) latency[target] = v;
  }
  return Object.keys(latency).length > 0 ? latency : undefined;
}

function viewsOf(doc: Json, file: string, flavor: Flavor): MetricView[] {
  const metrics = doc.metrics;
  if (!isObject(metrics))
    throw invalid(
      at(file, 'metrics'),
      'is missing or not an object',
      'pass the JSON k6 wrote with --summary-export or handleSummary',
    );
  return Object.entries(metrics).map(([name, raw]) => {
    const where = child(at(file, 'metrics'), name);
    if (!isObject(raw)) throw invalid(where, 'is not an object', 'pass the file as k6 wrote it');
    if (flavor === 'handle') {
      const values = raw.values;
      if (!isObject(values))
        throw invalid(
          child(where, 'values'),
          'is missing',
          'handleSummary metrics carry their statistics under "values"',
        );
      return {
        name,
        type: typeof raw.type === 'string' ? raw.type : undefined,
        contains: typeof raw.contains === 'string' ? raw.contains : undefined,
        values,
        where: child(where, 'values'),
      };
    }
    const { thresholds: _thresholds, ...values } = raw;
    const type =
      'avg' in values || 'med' in values
        ? 'trend'
        : 'passes' in values
          ? 'rate'
          : 'count' in values
            ? 'counter'
            : 'gauge';
    return { name, type, values, where };
  });
}

function thresholdsOf(doc: Json, file: string, flavor: Flavor): RunBody['thresholds'] {
  const out: NonNullable<RunBody['thresholds']> = [];
  for (const [metric, raw] of Object.entries(isObject(doc.metrics) ? doc.metrics : {})) {
    if (!isObject(raw) || !isObject(raw.thresholds)) continue;
    for (const [expression, value] of Object.entries(raw.thresholds)) {
      const where = child(child(child(at(file, 'metrics'), metric), 'thresholds'), expression);
      if (flavor === 'export') {
        if (typeof value !== 'boolean')
          throw invalid(where, 'is not a boolean', 'summary-export thresholds are true (failed) or false (passed)');
        out.push({ metric, expression, ok: !value });
      } else {
        if (!isObject(value) || typeof value.ok !== 'boolean')
          throw invalid(where, 'has no boolean "ok"', 'handleSummary thresholds look like {"ok": true}');
        out.push({ metric, expression, ok: value.ok });
      }
    }
  }
  return out.length > 0 ? out : undefined;
}

/** Checks from root_group, recursing into groups; objects keyed by name (export) or arrays (handleSummary). */
function checksOf(group: unknown, where: At, out: NonNullable<RunBody['checks']>): void {
  if (!isObject(group)) return;
  const checks = group.checks;
  const list = Array.isArray(checks) ? checks : isObject(checks) ? Object.values(checks) : [];
  list.forEach((c, i) => {
    if (!isObject(c)) return;
    const w = child(child(where, 'checks'), typeof c.name === 'string' ? c.name : i);
    const path = typeof c.path === 'string' ? c.path.replace(/^::/, '') : '';
    const name = path || (typeof c.name === 'string' ? c.name : String(i));
    out.push({ name, passes: stat(c.passes, child(w, 'passes')) ?? 0, fails: stat(c.fails, child(w, 'fails')) ?? 0 });
  });
  const groups = group.groups;
  const sub = Array.isArray(groups) ? groups : isObject(groups) ? Object.values(groups) : [];
  sub.forEach((g, i) => {
    checksOf(g, child(child(where, 'groups'), i), out);
  });
}

function directionFor(name: string): Metric['direction'] {
  return /err|fail|drop|timeout|reject|limited|429|5xx/i.test(name) ? 'lower' : 'higher';
}

/** Non-trend metrics become metrics of the aggregate operation: counters (count), rates (ratio), gauges (max). */
function sideMetrics(views: MetricView[]): Metric[] {
  const out: Metric[] = [];
  for (const v of views) {
    if (v.name === 'http_reqs' || v.name === 'http_req_failed') continue;
    if (v.type === 'counter') {
      const count = stat(v.values.count, child(v.where, 'count'));
      if (count !== undefined)
        out.push({
          name: v.name,
          unit: v.contains === 'data' || /^data_/.test(v.name) ? 'bytes' : 'count',
          value: count,
          direction: /^data_/.test(v.name) ? 'lower' : directionFor(v.name),
        });
    } else if (v.type === 'rate') {
      const rate = stat(v.values.rate ?? v.values.value, child(v.where, 'rate' in v.values ? 'rate' : 'value'));
      if (rate !== undefined)
        out.push({
          name: v.name,
          unit: 'ratio',
          value: rate,
          direction: v.name === 'checks' ? 'higher' : directionFor(v.name),
        });
    } else if (v.type === 'gauge') {
      const max = stat(v.values.max ?? v.values.value, child(v.where, 'max' in v.values ? 'max' : 'value'));
      if (max !== undefined) out.push({ name: `${v.name} (max)`, unit: 'count', value: max, direction: 'higher' });
    } else if (v.type === 'trend' && !isTimeTrend(v) && !requestPhases.has(v.name.replace(/\{.*$/, ''))) {
      // A custom trend whose unit k6 does not know: keep its numbers without pretending they are ms.
      for (const [key, label] of Object.entries(trendKeys)) {
        const x = stat(v.values[key], child(v.where, key), { signed: true });
        if (x !== undefined) out.push({ name: `${v.name} ${label}`, unit: 'value', value: x, direction: 'lower' });
      }
    }
  }
  return out;
}

/** In summary-export the unit is not written; only k6's built-in *_duration trends are known to be ms. */
function isTimeTrend(v: MetricView): boolean {
  if (v.contains !== undefined) return v.contains === 'time';
  return /^(?:http_req_duration|iteration_duration|group_duration)(?:\{|$)/.test(v.name);
}

/**
 * A submetric that selects one endpoint (`http_req_duration{name:GET /items}`,
 * `{url:…}`, optionally with `method:`) is named by that endpoint; any other
 * submetric (`{expected_response:true}`, `{group:::setup}`) keeps k6's own name.
 */
function endpointName(base: string, selector: string | undefined): string | undefined {
  if (base !== 'http_req_duration' || selector === undefined) return undefined;
  const tags = selector.split(',').map((t) => /^([^:]+):(.*)$/.exec(t));
  if (tags.some((t) => !t || !['name', 'url', 'method'].includes(t[1]!))) return undefined;
  return tags.find((t) => t![1] === 'name')?.[2] ?? tags.find((t) => t![1] === 'url')?.[2];
}

/** `name{tag:value,…}` → the part in braces. */
function submetricSelector(name: string): string | undefined {
  const m = /^[^{]+\{(.*)\}$/.exec(name);
  return m ? m[1] : undefined;
}

export function parseK6Summary(files: SourceText[], flavor: Flavor): RunBody[] {
  return files.map((file) => {
    const doc = parseJson(file.text, file.path);
    if (!isObject(doc)) throw invalid(at(file.path, ''), 'is not a JSON object', 'pass the k6 summary JSON');
    const views = viewsOf(doc, file.path, flavor);
    const byName = new Map(views.map((v) => [v.name, v]));
    const reqs = byName.get('http_reqs');
    const failed = byName.get('http_req_failed');
    const operations: Operation[] = [];
    const duration = byName.get('http_req_duration');
    const count = reqs ? stat(reqs.values.count, child(reqs.where, 'count')) : undefined;
    // http_req_failed is a rate whose "passes" are the failed requests.
    const errors = failed ? stat(failed.values.passes, child(failed.where, 'passes')) : undefined;
    const errorRate = failed
      ? stat(failed.values.rate ?? failed.values.value, child(failed.where, 'rate' in failed.values ? 'rate' : 'value'))
      : undefined;
    if (duration || reqs) {
      operations.push(
        compact<Operation>({
          name: 'http_req_duration',
          kind: 'http',
          aggregate: true,
          count,
          errors,
          errorRate: errorRate !== undefined && errorRate <= 1 ? errorRate : undefined,
          throughput: reqs ? stat(reqs.values.rate, child(reqs.where, 'rate')) : undefined,
          latency: duration ? latencyOf(duration) : undefined,
          metrics: undefined,
        }),
      );
    }
    for (const v of views) {
      if (v.type !== 'trend' || v.name === 'http_req_duration' || requestPhases.has(v.name) || !isTimeTrend(v))
        continue;
      const selector = submetricSelector(v.name);
      const base = v.name.replace(/\{.*$/, '');
      if (requestPhases.has(base)) continue;
      const method = selector ? /(?:^|,)method:([^,]+)/.exec(selector)?.[1] : undefined;
      operations.push(
        compact<Operation>({
          name: endpointName(base, selector) ?? v.name,
          kind:
            method ??
            (base === 'http_req_duration'
              ? 'http'
              : base === 'iteration_duration'
                ? 'iteration'
                : base === 'group_duration'
                  ? 'group'
                  : 'trend'),
          latency: latencyOf(v),
        }),
      );
    }
    const metrics = sideMetrics(views);
    if (metrics.length > 0) {
      if (operations[0]?.aggregate) operations[0].metrics = metrics;
      else operations.unshift({ name: 'k6', aggregate: true, metrics });
    }
    const checks: NonNullable<RunBody['checks']> = [];
    checksOf(doc.root_group, at(file.path, 'root_group'), checks);
    const state = isObject(doc.state) ? doc.state : {};
    return compact<RunBody>({
      tool: { name: 'k6' },
      format: flavor === 'export' ? 'k6-summary-export' : 'k6-handle-summary',
      environment: {},
      durationMs: stat(state.testRunDurationMs, at(file.path, 'state.testRunDurationMs')),
      operations,
      checks: checks.length > 0 ? checks : undefined,
      thresholds: thresholdsOf(doc, file.path, flavor),
    });
  });
}

/** True when a parsed k6 summary uses the handleSummary shape (metrics with `values`). */
export function isHandleSummary(doc: Json): boolean {
  if (isObject(doc.state) || isObject(doc.options)) return true;
  const metrics = isObject(doc.metrics) ? Object.values(doc.metrics) : [];
  return metrics.some((m) => isObject(m) && isObject(m.values));
}
