import type { RunBody, SourceText } from './adapter.ts';
import { at, child, compact, invalid, isObject, isoDate, parseJson, stat } from './input.ts';
import type { Metric, Operation } from './run-schema.ts';

/**
 * A Lighthouse JSON report (LHR). Category scores 0–1 become `score` metrics
 * 0–100; lab metrics stay in ms (CLS is unitless); transfer sizes in bytes.
 * A report with a runtimeError (the page never loaded) gives a run with the
 * error recorded and no numbers: Lighthouse measured nothing.
 */

const timings: [audit: string, name: string][] = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['speed-index', 'SI'],
  ['total-blocking-time', 'TBT'],
  ['interactive', 'TTI'],
  ['max-potential-fid', 'Max potential FID'],
  ['server-response-time', 'server response time'],
];

export function parseLighthouse(files: SourceText[]): RunBody[] {
  return files.map((file) => {
    const doc = parseJson(file.text, file.path);
    const root = at(file.path, '');
    if (!isObject(doc) || !isObject(doc.audits) || !isObject(doc.categories))
      throw invalid(
        root,
        'is not a Lighthouse report (no audits/categories)',
        'pass the JSON report (lighthouse --output=json)',
      );
    const url =
      [doc.finalDisplayedUrl, doc.finalUrl, doc.requestedUrl, doc.mainDocumentUrl].find(
        (u): u is string => typeof u === 'string',
      ) ?? 'page';
    const environment: Record<string, string> = {};
    const cfg = isObject(doc.configSettings) ? doc.configSettings : {};
    if (typeof cfg.formFactor === 'string') environment['form-factor'] = cfg.formFactor;
    if (isObject(cfg.throttling) && typeof cfg.throttlingMethod === 'string')
      environment.throttling = cfg.throttlingMethod;
    const env = isObject(doc.environment) ? doc.environment : {};
    if (typeof env.hostUserAgent === 'string') environment['user-agent'] = env.hostUserAgent;
    if (typeof env.benchmarkIndex === 'number') environment['benchmark-index'] = String(env.benchmarkIndex);
    if (typeof doc.requestedUrl === 'string' && doc.requestedUrl !== url)
      environment['requested-url'] = doc.requestedUrl;
    const base = {
      tool: compact({
        name: 'lighthouse' as const,
        version: typeof doc.lighthouseVersion === 'string' ? doc.lighthouseVersion : undefined,
      }),
      format: 'lighthouse' as const,
      startedAt: isoDate(doc.fetchTime),
      durationMs: isObject(doc.timing) ? stat(doc.timing.total, at(file.path, 'timing.total')) : undefined,
    };
    if (isObject(doc.runtimeError) && typeof doc.runtimeError.code === 'string') {
      environment['runtime-error'] =
        `${doc.runtimeError.code}: ${typeof doc.runtimeError.message === 'string' ? doc.runtimeError.message : ''}`.trim();
      // The final URL of a failed load is Chrome's error page; the page meant is the requested one.
      const page = typeof doc.requestedUrl === 'string' ? doc.requestedUrl : url;
      delete environment['requested-url'];
      if (page !== url) environment['final-url'] = url;
      return compact<RunBody>({
        ...base,
        environment,
        operations: [{ name: page, kind: 'page', count: 1, errors: 1, errorRate: 1 }],
      });
    }
    const metrics: Metric[] = [];
    for (const [id, cat] of Object.entries(doc.categories)) {
      if (!isObject(cat)) continue;
      const score = stat(cat.score, child(child(at(file.path, 'categories'), id), 'score'));
      if (score !== undefined)
        metrics.push({
          name: `${typeof cat.title === 'string' ? cat.title : id} score`,
          unit: 'score',
          value: Math.round(score * 1000) / 10,
          direction: 'higher',
        });
    }
    const audits = doc.audits;
    const numeric = (id: string) => {
      const a = audits[id];
      return isObject(a) ? stat(a.numericValue, child(child(at(file.path, 'audits'), id), 'numericValue')) : undefined;
    };
    for (const [id, name] of timings) {
      const v = numeric(id);
      if (v !== undefined) metrics.push({ name, unit: 'ms', value: v, direction: 'lower' });
    }
    const cls = numeric('cumulative-layout-shift');
    if (cls !== undefined) metrics.push({ name: 'CLS', unit: 'unitless', value: cls, direction: 'lower' });
    const weight = numeric('total-byte-weight');
    if (weight !== undefined)
      metrics.push({ name: 'total transfer size', unit: 'bytes', value: weight, direction: 'lower' });
    const summary = audits['resource-summary'];
    const items =
      isObject(summary) && isObject(summary.details) && Array.isArray(summary.details.items)
        ? summary.details.items
        : [];
    let requests: number | undefined;
    items.forEach((item, i) => {
      if (!isObject(item) || typeof item.resourceType !== 'string') return;
      const w = child(at(file.path, 'audits.resource-summary.details.items'), i);
      const size = stat(item.transferSize, child(w, 'transferSize'));
      const count = stat(item.requestCount, child(w, 'requestCount'));
      if (item.resourceType === 'total') {
        requests = count;
        return;
      }
      if (size !== undefined)
        metrics.push({ name: `${item.resourceType} transfer size`, unit: 'bytes', value: size, direction: 'lower' });
    });
    // The page's network requests are a metric, not the operation's count (the page was loaded once).
    if (requests !== undefined) metrics.push({ name: 'requests', unit: 'count', value: requests, direction: 'lower' });
    const op: Operation = { name: url, kind: 'page', metrics };
    return compact<RunBody>({ ...base, environment, operations: [op] });
  });
}
