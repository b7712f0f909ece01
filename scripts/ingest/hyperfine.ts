import type { RunBody, SourceText } from './adapter.ts';
import { at, child, compact, invalid, isObject, parseJson, scale, stat, statOf } from './input.ts';
import type { Metric, Operation } from './run-schema.ts';

/** hyperfine `--export-json`: one result per command, times in seconds (→ ms). Old versions have no exit_codes. */
export function parseHyperfine(files: SourceText[]): RunBody[] {
  return files.map((file) => {
    const doc = parseJson(file.text, file.path);
    const root = at(file.path, 'results');
    if (!isObject(doc) || !Array.isArray(doc.results))
      throw invalid(root, 'is missing', 'pass the file written by hyperfine --export-json');
    const operations = doc.results.map((raw, i): Operation => {
      const w = child(root, i);
      if (!isObject(raw) || typeof raw.command !== 'string')
        throw invalid(child(w, 'command'), 'is missing', 'pass the file written by hyperfine --export-json');
      const times = Array.isArray(raw.times)
        ? raw.times.map((t, j) => stat(t, child(child(w, 'times'), j)))
        : undefined;
      const codes = Array.isArray(raw.exit_codes) ? raw.exit_codes : undefined;
      const failures = codes?.filter((c) => c !== 0).length;
      const count = codes?.length ?? times?.length;
      const metrics: Metric[] = [];
      const user = statOf(raw, 'user', w);
      const system = statOf(raw, 'system', w);
      if (user !== undefined) metrics.push({ name: 'user time', unit: 'ms', value: user * 1000, direction: 'lower' });
      if (system !== undefined)
        metrics.push({ name: 'system time', unit: 'ms', value: system * 1000, direction: 'lower' });
      const mean = scale(statOf(raw, 'mean', w), 1000);
      const stddev = scale(statOf(raw, 'stddev', w), 1000);
      return compact<Operation>({
        name: raw.command,
        kind: 'command',
        count,
        errors: failures,
        errorRate: failures !== undefined && count ? failures / count : undefined,
        latency: compact({
          min: scale(statOf(raw, 'min', w), 1000),
          mean,
          median: scale(statOf(raw, 'median', w), 1000),
          max: scale(statOf(raw, 'max', w), 1000),
          stddev,
        }),
        metrics: metrics.length > 0 ? metrics : undefined,
      });
    });
    return { tool: { name: 'hyperfine' }, format: 'hyperfine', environment: {}, operations };
  });
}
