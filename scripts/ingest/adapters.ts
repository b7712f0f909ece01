import { KbError } from '../core/errors.ts';
import type { Adapter } from './adapter.ts';
import { parseBenchmarkDataJs, parseGenericList } from './generic.ts';
import { parseK6Summary } from './k6-summary.ts';
import { parseAutocannon } from './autocannon.ts';
import { parseGoogleBenchmark } from './google-benchmark.ts';
import { parseHyperfine } from './hyperfine.ts';
import { parseLighthouse } from './lighthouse.ts';
import { parseLocustCsv } from './locust-csv.ts';
import { parseLocustJson } from './locust-json.ts';
import { parsePytestBenchmark } from './pytest-benchmark.ts';
import { parseWrk } from './wrk.ts';
import type { FormatId } from './run-schema.ts';

function notYet(format: FormatId): Adapter {
  return (files) => {
    throw new KbError('UNKNOWN_FORMAT', `${format} is recognised but not read yet`, {
      file: files[0]?.path,
      hint: 'convert it to the generic [{name, unit, value}] list for now',
    });
  };
}

/** One adapter per format id. k6-ndjson is streamed by parse-run.ts and never reaches this table. */
export const adapters: Record<FormatId, Adapter> = {
  'k6-summary-export': (files) => parseK6Summary(files, 'export'),
  'k6-handle-summary': (files) => parseK6Summary(files, 'handle'),
  'k6-ndjson': notYet('k6-ndjson'),
  'locust-csv': parseLocustCsv,
  'locust-json': parseLocustJson,
  'pytest-benchmark': parsePytestBenchmark,
  hyperfine: parseHyperfine,
  lighthouse: parseLighthouse,
  autocannon: parseAutocannon,
  wrk: parseWrk,
  'google-benchmark': parseGoogleBenchmark,
  'generic-smaller-is-better': (files) => parseGenericList(files, 'generic-smaller-is-better'),
  'generic-bigger-is-better': (files) => parseGenericList(files, 'generic-bigger-is-better'),
  'github-action-benchmark-datajs': parseBenchmarkDataJs,
};
