import type { RunBody, SourceText } from './adapter.ts';
import { at, child, compact, convert, invalid, isObject, msPer, parseJson, stat, type At } from './input.ts';
import type { Direction, FormatId, Metric, Operation } from './run-schema.ts';

/**
 * The github-action-benchmark "custom" list: `[{name, unit, value, range?, extra?}]`
 * (customSmallerIsBetter / customBiggerIsBetter), and that action's history
 * file `window.BENCHMARK_DATA = {entries: {suite: [{commit, date, tool, benches}]}}`,
 * which becomes one run per entry.
 *
 * Each entry becomes an operation with one metric. Time units are converted to
 * ms ("ns/iter" → ms); other units are kept as the tool wrote them.
 */

/** Units that say "more is better" when a list does not say which way it goes. */
const rateUnit = /(?:\/s(?:ec)?$|per ?sec|ops|rps|req\/|throughput|mb\/s|gb\/s|iter\/s|hz$)/i;

export function genericDirectionFromUnits(units: string[]): Direction {
  return units.length > 0 && units.every((u) => rateUnit.test(u)) ? 'higher' : 'lower';
}

/** "± 3.2", "+- 3.2", "3.2" → 3.2; anything else is not a range. */
function parseRange(raw: unknown, where: At): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'number') return stat(raw, where);
  if (typeof raw !== 'string')
    throw invalid(where, 'is not a string like "± 3.2"', 'write the spread as "± 3.2" or leave it out');
  // \u00b1 is ±, as an escape: esbuild leaves a regular expression's non-ASCII as it is, and the CLI bundle
  // reads fastest when it is all ASCII (scripts/bin/load-main.mjs).
  const m = /^\s*(?:\u00b1|\+-|\+\/-)?\s*([0-9.eE+-]+)\s*%?\s*$/.exec(raw);
  const value = m ? Number(m[1]) : Number.NaN;
  if (!Number.isFinite(value) || value < 0)
    throw invalid(
      where,
      `is ${JSON.stringify(raw)}, not a spread like "± 3.2"`,
      'write the spread as "± 3.2" or leave it out',
    );
  return value;
}

/** Unit normalization: time units to ms ("ns/iter" too); everything else unchanged. */
function normalizeUnit(unit: string): { unit: string; factor: number } {
  const base = unit.trim().replace(/\/(?:iter|op)$/i, '');
  const factor = msPer[base];
  return factor !== undefined ? { unit: 'ms', factor } : { unit, factor: 1 };
}

function operationsFromList(list: unknown[], where: At, direction: Direction): Operation[] {
  return list.map((raw, i) => {
    const w = child(where, i);
    if (!isObject(raw)) throw invalid(w, 'is not an object', 'each entry is {"name", "unit", "value"}');
    if (typeof raw.name !== 'string' || raw.name === '')
      throw invalid(child(w, 'name'), 'is missing', 'give every entry a "name"');
    if (typeof raw.unit !== 'string' || raw.unit === '')
      throw invalid(child(w, 'unit'), 'is missing', 'give every entry a "unit" such as "ms" or "ops/s"');
    const value = stat(raw.value, child(w, 'value'));
    if (value === undefined) throw invalid(child(w, 'value'), 'is missing', 'give every entry a numeric "value"');
    const { unit, factor } = normalizeUnit(raw.unit);
    const range = parseRange(raw.range, child(w, 'range'));
    const metric: Metric = compact({
      name: raw.name,
      unit,
      value: convert(value, factor),
      direction,
      range: range === undefined ? undefined : convert(range, factor),
    });
    return { name: raw.name, kind: 'benchmark', metrics: [metric] };
  });
}

export function parseGenericList(files: SourceText[], format: FormatId): RunBody[] {
  return files.map((file) => {
    const doc = parseJson(file.text, file.path);
    if (!Array.isArray(doc))
      throw invalid(
        at(file.path, ''),
        'is not a JSON list',
        'the generic format is a list of {"name", "unit", "value"}',
      );
    return {
      tool: { name: 'generic' },
      format,
      environment: {},
      operations: operationsFromList(
        doc,
        at(file.path, ''),
        format === 'generic-bigger-is-better' ? 'higher' : 'lower',
      ),
    };
  });
}

const toolDirection: Record<string, Direction> = {
  customSmallerIsBetter: 'lower',
  customBiggerIsBetter: 'higher',
  benchmarkjs: 'higher',
  benchmarkluau: 'lower',
  catch2: 'lower',
  googlecpp: 'lower',
  go: 'lower',
  pytest: 'higher',
  cargo: 'lower',
  jmh: 'higher',
  benchmarkdotnet: 'lower',
};

/** `window.BENCHMARK_DATA = {...}` → one run body per entry of every suite. */
export function parseBenchmarkDataJs(files: SourceText[]): RunBody[] {
  return files.flatMap((file) => {
    const start = file.text.indexOf('=');
    const json = file.text
      .slice(start + 1)
      .trim()
      .replace(/;\s*$/, '');
    const doc = parseJson(json, file.path);
    if (!isObject(doc) || !isObject(doc.entries))
      throw invalid(
        at(file.path, 'entries'),
        'is missing',
        'pass the data.js file github-action-benchmark writes to its pages branch',
      );
    const bodies: RunBody[] = [];
    for (const [suite, entries] of Object.entries(doc.entries)) {
      const where = child(at(file.path, 'entries'), suite);
      if (!Array.isArray(entries)) throw invalid(where, 'is not a list', 'each suite holds a list of runs');
      entries.forEach((entry, i) => {
        const w = child(where, i);
        if (!isObject(entry) || !Array.isArray(entry.benches))
          throw invalid(child(w, 'benches'), 'is missing', 'each run lists its "benches"');
        const tool = typeof entry.tool === 'string' ? entry.tool : 'customSmallerIsBetter';
        const direction = toolDirection[tool] ?? 'lower';
        const commit = isObject(entry.commit) ? entry.commit : {};
        const date = stat(entry.date, child(w, 'date'));
        const environment = compact({
          'action-tool': tool,
          commit: typeof commit.id === 'string' ? commit.id : undefined,
          'commit-url': typeof commit.url === 'string' ? commit.url : undefined,
          repository: typeof doc.repoUrl === 'string' ? doc.repoUrl : undefined,
        });
        bodies.push({
          tool: { name: 'generic' },
          format: 'github-action-benchmark-datajs',
          suiteHint: suite,
          startedAt: date !== undefined ? new Date(date).toISOString() : undefined,
          environment: environment as Record<string, string>,
          operations: operationsFromList(entry.benches, child(w, 'benches'), direction),
        });
      });
    }
    return bodies.map((b) => compact(b));
  });
}
