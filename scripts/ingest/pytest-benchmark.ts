import type { RunBody, SourceText } from './adapter.ts';
import { at, child, compact, invalid, isObject, parseJson, scale, statOf, stringOf, type Json } from './input.ts';
import type { Operation } from './run-schema.ts';

/**
 * pytest-benchmark `--benchmark-json` / autosave files. Stats are seconds
 * (→ ms); `ops` is calls per second; q3 is the 75th percentile. `datetime`
 * is written with datetime.utcnow(), so it is UTC without an offset.
 */

function environmentOf(doc: Json): Record<string, string> {
  const env: Record<string, string> = {};
  const m = isObject(doc.machine_info) ? doc.machine_info : {};
  const cpu = isObject(m.cpu) ? m.cpu : {};
  const put = (key: string, value: unknown) => {
    if (typeof value === 'string' && value !== '') env[key] = value;
    else if (typeof value === 'number') env[key] = String(value);
  };
  put('host', m.node);
  put('os', [stringOf(m, 'system'), stringOf(m, 'release')].filter(Boolean).join(' '));
  put('arch', m.machine);
  put('cpu', cpu.brand_raw ?? cpu.brand);
  put('cpu-count', cpu.count);
  put('runtime', [stringOf(m, 'python_implementation'), stringOf(m, 'python_version')].filter(Boolean).join(' '));
  const commit = isObject(doc.commit_info) ? doc.commit_info : {};
  if (commit.id !== 'unversioned') put('commit', commit.id);
  put('branch', commit.branch === '(unknown)' ? undefined : commit.branch);
  return env;
}

export function parsePytestBenchmark(files: SourceText[]): RunBody[] {
  return files.map((file) => {
    const doc = parseJson(file.text, file.path);
    const root = at(file.path, 'benchmarks');
    if (!isObject(doc) || !Array.isArray(doc.benchmarks))
      throw invalid(root, 'is missing', 'pass the file written by --benchmark-json or --benchmark-autosave');
    const operations = doc.benchmarks.map((raw, i): Operation => {
      const w = child(root, i);
      if (!isObject(raw) || typeof raw.name !== 'string')
        throw invalid(child(w, 'name'), 'is missing', 'each benchmark has a name');
      if (!isObject(raw.stats)) throw invalid(child(w, 'stats'), 'is missing', 'each benchmark has its stats');
      const s = raw.stats;
      const sw = child(w, 'stats');
      const ms = (key: string) => scale(statOf(s, key, sw), 1000);
      return compact<Operation>({
        name: typeof raw.fullname === 'string' ? raw.fullname : raw.name,
        kind: 'function',
        count: statOf(s, 'rounds', sw),
        throughput: statOf(s, 'ops', sw),
        latency: compact({
          min: ms('min'),
          mean: ms('mean'),
          median: ms('median'),
          p75: ms('q3'),
          max: ms('max'),
          stddev: ms('stddev'),
        }),
      });
    });
    const dt = typeof doc.datetime === 'string' ? doc.datetime : undefined;
    const startedAt = dt ? new Date(/(?:Z|[+-]\d\d:?\d\d)$/.test(dt) ? dt : `${dt}Z`) : undefined;
    return compact<RunBody>({
      tool: compact({
        name: 'pytest-benchmark' as const,
        version: typeof doc.version === 'string' ? doc.version : undefined,
      }),
      format: 'pytest-benchmark',
      startedAt: startedAt && !Number.isNaN(startedAt.getTime()) ? startedAt.toISOString() : undefined,
      environment: environmentOf(doc),
      operations,
    });
  });
}
