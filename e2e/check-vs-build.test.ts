// The differential test of kb check (issue 19): every page of the fault
// corpus (scripts/check/fault-corpus/) goes through the real production build
// and through `kb check`, on the same copy of the site. Every fault that
// stops the build must be a kb check error naming its file and line; faults
// that build must not be kb check errors unless the corpus says so (a
// duplicate route, which the build only warns about).
//
// Faults are batched so that one build shows many at once without one hiding
// another: every `bundle` fault in one build (the bundler lists every module
// that fails to compile or resolve), the `render` faults in one, the faults
// that build (`none`) in one; a `content` fault stops the content plugins at
// the first bad page, so each gets its own build, but those stop within
// seconds. Builds use KB_CURRENT_ONLY=1 and run two at a time.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, type CheckResult } from '../scripts/check/check.ts';
import { loadFaults, type Fault } from '../scripts/check/fault-corpus/corpus.ts';
import { permalinkOf } from '../scripts/core/routes.ts';
import { PROJECT_ROOT } from './support/build-site.ts';
import { buildWithFiles, type FaultBuild } from './support/fault-build.ts';

const faults = loadFaults();
const now = new Date();

interface Batch {
  name: string;
  faults: Fault[];
  build?: FaultBuild;
  check?: CheckResult;
}

const batches: Batch[] = [
  ...faults.filter((f) => f.phase === 'content').map((f) => ({ name: `content:${f.id}`, faults: [f] })),
  ...(['bundle', 'render', 'none'] as const).map((phase) => ({
    name: phase,
    faults: faults.filter((f) => f.phase === phase),
  })),
].filter((b) => b.faults.length > 0);

async function runBatch(batch: Batch): Promise<void> {
  const files = Object.assign({}, ...batch.faults.map((f) => f.files)) as Record<string, string>;
  batch.build = await buildWithFiles(files, { KB_CURRENT_ONLY: '1' });
  // kb check on the very tree that was built; results in memory only.
  batch.check = await runCheck(batch.build.siteDir, { now, cacheDir: false });
}

/** Runs the batches `width` at a time. */
async function runAll(width: number): Promise<void> {
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let b = queue.shift(); b; b = queue.shift()) await runBatch(b);
    }),
  );
}

const started = performance.now();
beforeAll(async () => {
  await runAll(2);
  const wall = (performance.now() - started) / 1000;
  const cpu = batches.reduce((s, b) => s + (b.build?.cpuMs ?? 0), 0) / 1000;
  console.log(
    `[check-vs-build] ${batches.length} builds for ${faults.length} faults in ${wall.toFixed(0)} s wall, ${cpu.toFixed(0)} s build CPU: ${batches
      .map((b) => `${b.name} ${((b.build?.wallMs ?? 0) / 1000).toFixed(0)} s`)
      .join(', ')}`,
  );
}, 1_800_000);

afterAll(async () => {
  if (process.env.KB_E2E_KEEP === '1') {
    for (const b of batches) console.log(`[check-vs-build] kept ${b.name}: ${b.build?.siteDir}`);
    return;
  }
  await Promise.all(batches.map((b) => b.build?.dispose()));
});

const summary = (f: { path: string; line: number; rule: string; severity: string }) =>
  `${f.path}:${f.line} ${f.rule} (${f.severity})`;

describe.each(batches.map((b) => [b.name, b] as const))('batch %s', (_name, batch) => {
  it.each(batch.faults.map((f) => [f.id, f] as const))('%s: the build and kb check agree', (_id, fault) => {
    const build = batch.build!;
    const check = batch.check!;
    const ownPaths = new Set(Object.keys(fault.files));
    const found = check.findings.filter((f) => ownPaths.has(f.path));
    if (fault.build === 'fails') {
      expect(build.code, `the build of batch ${batch.name} was expected to fail on ${fault.id}`).not.toBe(0);
      // The build names the page: its file, its URL (rendering) or the import that failed.
      const names = Object.keys(fault.files).flatMap((p) => [path.basename(p), permalinkOf(p, {}) ?? p]);
      const says = fault.buildSays ? [fault.buildSays] : names;
      expect(
        says.some((s) => build.log.includes(s)),
        `the build log does not mention ${says.join(' or ')}:\n${build.log.slice(-3000)}`,
      ).toBe(true);
      const errors = found.filter((f) => f.severity === 'error');
      expect(errors.length, `kb check passed ${fault.id}, which fails the build`).toBeGreaterThan(0);
    } else {
      expect(build.code, `the build of batch ${batch.name} failed:\n${build.log.slice(-3000)}`).toBe(0);
      if (fault.buildSays) expect(build.log).toContain(fault.buildSays);
    }
    // Exactly the findings the corpus names: file, line, rule, severity.
    expect(found.map(summary).sort()).toEqual(fault.check.map(summary).sort());
  });
});

describe('the clean knowledge base', () => {
  it('passes kb check (the production build of it is what the other browser tests run on)', async () => {
    const result = await runCheck(PROJECT_ROOT, { now, cacheDir: false });
    expect(result.findings.filter((f) => f.severity === 'error').map(summary)).toEqual([]);
  }, 120_000);
});
