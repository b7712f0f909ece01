import { KbError } from '../core/errors.ts';
import type { Adapter } from './adapter.ts';
import { parseBenchmarkDataJs, parseGenericList } from './generic.ts';
import { parseK6Summary } from './k6-summary.ts';
import { parseLocustCsv } from './locust-csv.ts';
import type { FormatId } from './run-schema.ts';

function notYet(format: FormatId): Adapter {
  return (files) => {
    throw new KbError('UNKNOWN_FORMAT', `${format} is recognised but not read yet`, { file: files[0]?.path, hint: 'convert it to the generic [{name, unit, value}] list for now' });
  };
}

/** One adapter per format id. k6-ndjson is streamed by parse-run.ts and never reaches this table. */
export const adapters: Record<FormatId, Adapter> = {
  'k6-summary-export': (files) => parseK6Summary(files, 'export'),
  'k6-handle-summary': (files) => parseK6Summary(files, 'handle'),
  'k6-ndjson': notYet('k6-ndjson'),
  'locust-csv': parseLocustCsv,
  'locust-json': notYet('locust-json'),
  'pytest-benchmark': notYet('pytest-benchmark'),
  hyperfine: notYet('hyperfine'),
  lighthouse: notYet('lighthouse'),
  autocannon: notYet('autocannon'),
  wrk: notYet('wrk'),
  'google-benchmark': notYet('google-benchmark'),
  'generic-smaller-is-better': (files) => parseGenericList(files, 'generic-smaller-is-better'),
  'generic-bigger-is-better': (files) => parseGenericList(files, 'generic-bigger-is-better'),
  'github-action-benchmark-datajs': parseBenchmarkDataJs,
};
