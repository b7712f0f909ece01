import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fnv1aHex } from '../../../scripts/core/fnv1a.mjs';
import { renderViews } from '../../../scripts/report/rendered-views.ts';
import { renderViewsEarly, renderViewsInThread, takeEarlyViews } from './views-thread.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** A knowledge base of its own: the project's scripts and modules, and the files each test writes. */
async function site(files: Record<string, string>): Promise<string> {
  const siteDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-views-thread-'));
  dirs.push(siteDir);
  for (const link of ['scripts', 'node_modules']) await fs.symlink(path.join(repo, link), path.join(siteDir, link));
  await fs.writeFile(path.join(siteDir, 'package.json'), '{}\n');
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(siteDir, file)), { recursive: true });
    await fs.writeFile(path.join(siteDir, file), text);
  }
  return siteDir;
}

describe('renderViewsInThread', () => {
  it('gives what rendering in process gives: the stored runs and every view, both ways', async () => {
    const [threaded, direct] = await Promise.all([renderViewsInThread(repo), renderViews(repo)]);
    expect(direct.views.length).toBeGreaterThan(10);
    expect(threaded.views).toEqual(direct.views);
    expect(threaded.storedRuns).toEqual(JSON.parse(JSON.stringify(direct.runs)));
  });

  it('leaves the code cache of the views bundle behind, though the thread is stopped once it replies', async () => {
    await renderViewsInThread(repo); // the bundle is built if its sources changed
    const cacheDir = path.join(repo, 'node_modules/.cache/kb-cli', fnv1aHex(repo));
    const manifest = JSON.parse(await fs.readFile(path.join(cacheDir, 'manifest.json'), 'utf8')) as { dir: string };
    const cacheFile = path.join(cacheDir, manifest.dir, 'views/views.v8cache');
    await fs.rm(cacheFile, { force: true });
    await renderViewsInThread(repo);
    expect((await fs.stat(cacheFile)).size).toBeGreaterThan(100_000);
  });

  it('renders no views, and keeps the runs, in a knowledge base without slo-targets.yaml', async () => {
    const run = await fs.readFile(path.join(repo, 'benchmarks/example-hyperfine-cli-20261126t061021.json'), 'utf8');
    const siteDir = await site({ 'benchmarks/example-hyperfine-cli-20261126t061021.json': run });
    const { storedRuns, views } = await renderViewsInThread(siteDir);
    expect(views).toEqual([]);
    expect(storedRuns).toEqual([expect.objectContaining({ id: 'example-hyperfine-cli-20261126t061021' })]);
  });

  it('fails with one line naming the file and field of a bad slo-targets.yaml', async () => {
    const siteDir = await site({ 'slo-targets.yaml': 'targets:\n  - id: api-p99\n    threshold: fast\n' });
    const error = await renderViewsInThread(siteDir).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^\[benchmark-views\] slo-targets\.yaml: \w+: .+ — fix /);
    expect(error?.message).not.toContain('\n');
  });
});

describe('renderViewsEarly', () => {
  it('starts the views once per site folder, for the plugin to take once, by any spelling of the folder', async () => {
    const run = await fs.readFile(path.join(repo, 'benchmarks/example-hyperfine-cli-20261126t061021.json'), 'utf8');
    const siteDir = await site({ 'benchmarks/example-hyperfine-cli-20261126t061021.json': run });
    expect(takeEarlyViews(siteDir)).toBeUndefined();
    renderViewsEarly(siteDir);
    // The config is evaluated twice per build: the second call starts nothing more.
    renderViewsEarly(`${siteDir}/`);
    const job = takeEarlyViews(path.join(siteDir, 'benchmarks', '..'));
    expect(job).toBeDefined();
    expect(takeEarlyViews(siteDir)).toBeUndefined();
    const { storedRuns } = await job!;
    expect(storedRuns).toEqual([expect.objectContaining({ id: 'example-hyperfine-cli-20261126t061021' })]);
  });

  it('keeps a bad stored run for the plugin to report: nothing is thrown where the views were started', async () => {
    const siteDir = await site({ 'benchmarks/broken-20261126t061021.json': '{"id": 3}\n' });
    renderViewsEarly(siteDir);
    const error = await takeEarlyViews(siteDir)!.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^\[benchmark-views\] benchmarks\/broken-20261126t061021\.json: /);
  });
});
