import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRuns, type ParseOptions } from './parse-run.ts';
import { runSchema } from './run-schema.ts';

/**
 * One golden normalized run per fixture file. The fixtures are read in place
 * from the project's fixtures/ (copied from the team's shared fixtures, see fixtures/README.md). Regenerate after a
 * deliberate change with `UPDATE_GOLDEN=1 npx vitest run scripts/ingest/golden.test.ts`,
 * then review the diff by eye against the fixture.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const fixtures = path.resolve(repoRoot, 'fixtures');
const goldenDir = path.join(here, 'golden');
const now = new Date('2026-01-01T00:00:00Z');

interface Case {
  golden: string;
  files: string[];
  options?: Partial<ParseOptions>;
}

const pub = (dir: string, ...names: string[]): Case => ({
  golden: `public-${dir}-${names[0]!.replace(/(_stats)?\.[a-z]+$/, '')}`,
  files: names.map((n) => `bench-public/${dir}/${n}`),
  options: { example: true },
});

const local = (name: string, files: string[], options: Partial<ParseOptions> = {}): Case => ({
  golden: `local-${name}`,
  files: files.map((f) => `bench-local/${f}`),
  options,
});

export const cases: Case[] = [
  pub('k6-summary-export', 'api-rate-limiter-failed-thresholds.json'),
  pub('k6-summary-export', 'rate-limiter-404-checks.json'),
  pub('k6-summary-export', 'xyz-finance-setup-group.json'),
  pub('k6-handle-summary', 'grafana-circleci-orb-summary.json'),
  pub('k6-handle-summary', 'k6perf-failed-checks-summary.json'),
  pub('k6-handle-summary', 'petstore-status-checks-summary.json'),
  pub('k6-ndjson', 'k6-load-template-setup-and-default.ndjson'),
  pub('k6-ndjson', 'search-engine-service.ndjson'),
  pub('locust', 'grpc-custom-percentiles_stats.csv', 'grpc-custom-percentiles_stats_history.csv'),
  pub('locust', 'legacy-2020-gbk-name_stats.csv', 'legacy-2020-gbk-name_stats_history.csv'),
  pub('locust', 'retail-demo-store_stats.csv', 'retail-demo-store_stats_history.csv'),
  pub('github-action-benchmark-datajs', 'azure-storage-fuse-custom-smaller-ms-data.js'),
  pub('github-action-benchmark-datajs', 'continuous-benchmarking-googlecpp-data.js'),
  pub('pytest-benchmark', 'gab-fib-darwin-py37.json'),
  pub('pytest-benchmark', 'gab-several-units.json'),
  pub('pytest-benchmark', 'lagom-cpython311-baseline.json'),
  pub('hyperfine', '1brc-rust-two-impls.json'),
  pub('hyperfine', 'bencher-sleep-two-commands.json'),
  pub('hyperfine', 'delta-2020-error-no-exit-codes.json'),
  pub('lighthouse', 'lhci-lh7-coursehero-perf-only.json'),
  pub('lighthouse', 'population-diagram-lh13-desktop.json'),
  pub('lighthouse', 'scott-n-ha-lh12-runtime-error.json'),
  pub('lighthouse', 'skillswap-lh13-mobile.json'),
  pub('autocannon', 'fastify-2017-old-percentile-keys.json'),
  pub('autocannon', 'fastify-2022-pipelining10.json'),
  pub('autocannon', 'homecastr-403-all-non2xx-bom.json'),
  pub('wrk', 'portfolio-backend-5-endpoints-socket-errors.txt'),
  pub('wrk', 'web-server-cpp-4t-100c-latency.txt'),
  pub('google-benchmark', 'continuous-benchmarking-fib-macos.json'),
  pub('google-benchmark', 'gab-fib-darwin.json'),
  pub('google-benchmark', 'gbench-compare-test1-run1-bigo-rms.json'),
  local('autocannon-search', ['autocannon-search.json'], { suite: 'sample-api-search' }),
  local('wrk-items', ['wrk-items.txt'], { suite: 'sample-api-items' }),
  local('hyperfine-cli', ['hyperfine-cli.json'], { suite: 'kb-cli' }),
  local('pytest-benchmark-cache', ['pytest-benchmark-cache.json'], { suite: 'cache' }),
  ...['1x', '10x', '100x'].map((m) =>
    local(`locust-${m}`, [`locust-${m}_stats.csv`, `locust-${m}_stats_history.csv`, `locust-${m}_failures.csv`], {
      suite: 'sample-api-locust',
      label: m,
    }),
  ),
];

async function runCase(c: Case) {
  const files = await Promise.all(
    c.files.map(async (f) => ({ path: f, bytes: await fs.readFile(path.join(fixtures, f)) })),
  );
  return parseRuns(files, { now, ...c.options });
}

describe('golden normalized runs', () => {
  for (const c of cases) {
    it(`${c.files.join(' + ')}`, async () => {
      const runs = await runCase(c);
      for (const run of runs) expect(runSchema.safeParse(run).success).toBe(true);
      const file = path.join(goldenDir, `${c.golden}.json`);
      const actual = `${JSON.stringify(runs.length === 1 ? runs[0] : runs, null, 2)}\n`;
      if (process.env.UPDATE_GOLDEN) {
        await fs.writeFile(file, actual);
        return;
      }
      const expected = await fs.readFile(file, 'utf8');
      expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
    });
  }
});
