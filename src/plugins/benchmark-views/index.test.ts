import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadContext } from '@docusaurus/types';
import { afterEach, describe, expect, it } from 'vitest';
import { FRAME_TOKENS, formatRunPageHtml } from '../../../scripts/report/run-page-format.ts';
import benchmarkViewsPlugin from './index.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('benchmark-views plugin', () => {
  it('keeps run page articles out of allContent and still writes them into the built pages', async () => {
    const siteDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-views-plugin-'));
    dirs.push(siteDir);
    // The plugin loads scripts/report/*.ts from the site (no slo-targets.yaml, no stored runs: no views).
    await fs.symlink(path.join(repo, 'scripts'), path.join(siteDir, 'scripts'));
    await fs.symlink(path.join(repo, 'node_modules'), path.join(siteDir, 'node_modules'));
    await fs.writeFile(path.join(siteDir, 'package.json'), '{}\n');
    await fs.mkdir(path.join(siteDir, 'reports/runs'), { recursive: true });
    const id = 'api-20261101t000000';
    const article = `<header><h1>${id}</h1></header><p>p99 ≤ 250 ms — ${'x'.repeat(5000)}</p>`;
    const meta = {
      url: `/reports/runs/${id}`,
      source: `reports/runs/${id}.md`,
      frontMatter: {
        title: 'api — 1 Nov 2026',
        description: 'A run.',
        kind: 'benchmark-report',
        date: '2026-11-01',
        suite: 'api',
        run: id,
        tags: ['benchmark'],
      },
    };
    await fs.writeFile(path.join(siteDir, `reports/runs/${id}.html`), formatRunPageHtml(meta, article));
    const plugin = benchmarkViewsPlugin({ siteDir, baseUrl: '/' } as LoadContext);
    const content = (await plugin.loadContent!())!;
    expect(content.runs.map((r) => r.url)).toEqual([meta.url]);
    expect(content.runs[0]).not.toHaveProperty('article');
    // `npm start`'s debug plugin serializes allContent: no article bytes in it.
    expect(JSON.stringify(content)).not.toContain('xxxxx');
    expect(JSON.stringify(content).length).toBeLessThan(2000);
    const outDir = path.join(siteDir, 'build');
    await fs.mkdir(path.join(outDir, 'reports/runs'), { recursive: true });
    await fs.writeFile(
      path.join(outDir, 'reports/runs/:run.html'),
      `<html><head><title>${FRAME_TOKENS.title}</title><meta content="${FRAME_TOKENS.description}"></head><body><article data-run="${FRAME_TOKENS.id}">${FRAME_TOKENS.article}</article></body></html>`,
    );
    await plugin.postBuild!({ outDir, content } as never);
    const page = await fs.readFile(path.join(outDir, `reports/runs/${id}.html`), 'utf8');
    expect(page).toContain(`<article data-run="${id}">${article}</article>`);
  });

  it('fails with one line naming the stored run and its field when a run is bad', async () => {
    const siteDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-views-plugin-'));
    dirs.push(siteDir);
    for (const link of ['scripts', 'node_modules']) await fs.symlink(path.join(repo, link), path.join(siteDir, link));
    await fs.writeFile(path.join(siteDir, 'package.json'), '{}\n');
    await fs.mkdir(path.join(siteDir, 'benchmarks'));
    await fs.writeFile(path.join(siteDir, 'benchmarks/api-20261101t000000.json'), '{"id": 7}\n');
    const plugin = benchmarkViewsPlugin({ siteDir, baseUrl: '/' } as LoadContext);
    const error = await Promise.resolve()
      .then(() => plugin.loadContent!())
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    // File, then field, then what is wrong.
    expect(error?.message).toMatch(
      /^\[benchmark-views\] benchmarks\/api-20261101t000000\.json: [\w.()]+: stored run does not match the run schema: /,
    );
    expect(error?.message).toMatch(/re-ingest/);
    expect(error?.message).not.toContain('\n');
  });
});
