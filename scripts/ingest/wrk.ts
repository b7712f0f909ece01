import type { RunBody, SourceText } from './adapter.ts';
import { at, compact, convert, invalid, msPer } from './input.ts';
import type { Latency, Metric, Operation } from './run-schema.ts';

/**
 * wrk's text report (with or without --latency). One "Running … test @ URL"
 * section per operation; several sections (a script looping over endpoints)
 * give several operations. Times are printed as us/ms/s/m/h, counts with
 * k/M/G (×1000) and byte sizes with KB/MB/GB (×1024, wrk's format_binary).
 */

const metricSuffix: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
const binarySuffix: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

function timeMs(text: string, where: ReturnType<typeof at>): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  if (!m) throw invalid(where, `"${text}" is not a wrk time (like 1.23ms)`, 'pass wrk output as printed');
  return convert(Number(m[1]), msPer[m[2]!]!);
}

function count(text: string, where: ReturnType<typeof at>): number {
  const m = /^([\d.]+)([kMGT]?)$/.exec(text);
  if (!m) throw invalid(where, `"${text}" is not a wrk number (like 1.08k)`, 'pass wrk output as printed');
  return Number(m[1]) * metricSuffix[m[2]!]!;
}

function bytes(text: string, where: ReturnType<typeof at>): number {
  const m = /^([\d.]+)(B|KB|MB|GB|TB)$/.exec(text);
  if (!m) throw invalid(where, `"${text}" is not a wrk size (like 1.76MB)`, 'pass wrk output as printed');
  return Number(m[1]) * binarySuffix[m[2]!]!;
}

function section(
  text: string,
  file: string,
  index: number,
): { op: Operation; env: Record<string, string>; durationMs?: number } {
  const w = (field: string) => at(file, `test ${index + 1}: ${field}`);
  const url = /Running \S+ test @ (\S+)/.exec(text)?.[1] ?? `test ${index + 1}`;
  const env: Record<string, string> = {};
  const tc = /(\d+) threads and (\d+) connections/.exec(text);
  if (tc) {
    env.threads = tc[1]!;
    env.connections = tc[2]!;
  }
  const latency: Latency = {};
  const lat = /^\s*Latency\s+(\S+)\s+(\S+)\s+(\S+)\s+\S+%/m.exec(text);
  if (lat) {
    latency.mean = timeMs(lat[1]!, w('Latency Avg'));
    latency.stddev = timeMs(lat[2]!, w('Latency Stdev'));
    latency.max = timeMs(lat[3]!, w('Latency Max'));
  }
  const distAt = text.indexOf('Latency Distribution');
  if (distAt !== -1) {
    for (const line of text.slice(distAt).split('\n').slice(1)) {
      const m = /^\s+([\d.]+)%\s+(\S+)\s*$/.exec(line);
      if (!m) break;
      const key = (
        { '50': 'p50', '75': 'p75', '90': 'p90', '95': 'p95', '99': 'p99', '99.9': 'p999' } as Record<
          string,
          keyof Latency
        >
      )[m[1]!];
      if (key) latency[key] = timeMs(m[2]!, w(`Latency Distribution ${m[1]}%`));
    }
  }
  const metrics: Metric[] = [];
  const rps = /^\s*Req\/Sec\s+(\S+)\s+(\S+)\s+(\S+)/m.exec(text);
  if (rps)
    metrics.push({
      name: 'Req/Sec per thread (avg)',
      unit: 'rps',
      value: count(rps[1]!, w('Req/Sec Avg')),
      direction: 'higher',
      range: count(rps[2]!, w('Req/Sec Stdev')),
    });
  const total = /(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read/.exec(text);
  let durationMs: number | undefined;
  if (total) {
    durationMs = timeMs(total[2]!, w('requests in'));
    metrics.push({ name: 'bytes read', unit: 'bytes', value: bytes(total[3]!, w('read')), direction: 'higher' });
  }
  let errors: number | undefined;
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  if (sock || non2xx || total) {
    // No "Socket errors" / "Non-2xx" line means wrk saw none: it only prints them when non-zero.
    errors = 0;
    if (sock) {
      ['connect', 'read', 'write', 'timeout'].forEach((kind, i) => {
        const n = Number(sock[i + 1]);
        errors! += n;
        metrics.push({ name: `socket errors: ${kind}`, unit: 'count', value: n, direction: 'lower' });
      });
    }
    if (non2xx) {
      errors += Number(non2xx[1]);
      metrics.push({ name: 'non-2xx/3xx responses', unit: 'count', value: Number(non2xx[1]), direction: 'lower' });
    }
  }
  const reqs = total ? Number(total[1]) : undefined;
  const throughput = /Requests\/sec:\s+([\d.]+[kMG]?)/.exec(text);
  const transfer = /Transfer\/sec:\s+([\d.]+\w+)/.exec(text);
  if (transfer)
    metrics.push({
      name: 'transfer/sec',
      unit: 'bytes/s',
      value: bytes(transfer[1]!, w('Transfer/sec')),
      direction: 'higher',
    });
  const op = compact<Operation>({
    name: url,
    kind: 'http',
    count: reqs,
    errors,
    // Socket errors are not all requests (connect errors), so the ratio is capped at 1.
    errorRate: reqs !== undefined && errors !== undefined && reqs > 0 ? Math.min(1, errors / reqs) : undefined,
    throughput: throughput ? count(throughput[1]!, w('Requests/sec')) : undefined,
    latency: Object.keys(latency).length > 0 ? latency : undefined,
    metrics: metrics.length > 0 ? metrics : undefined,
  });
  return { op, env, durationMs };
}

export function parseWrk(files: SourceText[]): RunBody[] {
  return files.map((file) => {
    const text = file.text.replace(/\r\n?/g, '\n');
    const starts = [...text.matchAll(/^Running \S+ test @/gm)].map((m) => m.index!);
    if (starts.length === 0)
      throw invalid(at(file.path, ''), 'has no "Running … test @ URL" line', "pass wrk's own output");
    const sections = starts.map((s, i) => section(text.slice(s, starts[i + 1] ?? text.length), file.path, i));
    const environment: Record<string, string> = {};
    const envs = sections.map((s) => s.env);
    for (const key of ['threads', 'connections']) {
      const values = [...new Set(envs.map((e) => e[key]).filter((v): v is string => v !== undefined))];
      if (values.length > 0) environment[key] = values.join(', ');
    }
    const durations = sections.map((s) => s.durationMs);
    return compact<RunBody>({
      tool: { name: 'wrk' },
      format: 'wrk',
      durationMs: durations.every((d) => d !== undefined) ? durations.reduce((a, b) => a! + b!, 0) : undefined,
      environment,
      operations: sections.map((s) => s.op),
    });
  });
}
