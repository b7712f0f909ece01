import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderMirror } from '../../../scripts/ai/markdown.ts';
import { buildPageRecord } from '../../../scripts/ai/records.ts';
import aiReadablePlugin from './index.ts';

describe('ai-readable, run pages', () => {
  let siteDir: string;
  beforeEach(async () => {
    siteDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-ai-readable-'));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await fs.rm(siteDir, { recursive: true, force: true });
  });

  const siteConfig = {
    title: 'KB',
    tagline: 't',
    url: 'https://kb.example',
    baseUrl: '/',
  } as LoadContext['siteConfig'];
  const run = (id: string) => ({
    url: `/reports/runs/${id}`,
    source: `reports/runs/${id}.md`,
    frontMatter: {
      title: `Run ${id}`,
      description: `The ${id} run.`,
      kind: 'benchmark-report',
      date: '2026-11-01',
      tags: ['benchmark'],
    },
  });
  /** The mirror every other page gets: its body through renderMirror. */
  const rendered = (ref: ReturnType<typeof run>, body: string) =>
    renderMirror(
      buildPageRecord(
        { path: ref.source, section: 'reports', frontMatter: ref.frontMatter, body },
        { url: ref.url, title: ref.frontMatter.title, description: ref.frontMatter.description },
      ),
      new Map(),
    );

  it('mirrors each run page from its stored Markdown, rendering the ones whose body the mirror rewrites', async () => {
    const bodies = {
      plain: 'The plain run.\n\n## Summary\n\n| a | b |\n| --- | --- |\n| 1 | 2 |',
      // Hand-edited: its own title as a heading, which the mirror drops (the writer threads hand it back).
      titled: '# Run titled\n\nBody.',
      marked: 'Intro.\n\n<!-- truncate -->\n\nMore.',
    };
    const refs = Object.keys(bodies).map(run);
    await fs.mkdir(path.join(siteDir, 'reports/runs'), { recursive: true });
    for (const [id, body] of Object.entries(bodies))
      await fs.writeFile(path.join(siteDir, `reports/runs/${id}.md`), `---\ntitle: x\n---\n\n${body}\n`);
    const outDir = path.join(siteDir, 'build');
    const plugin = aiReadablePlugin({ siteDir, outDir, siteConfig } as LoadContext, {
      id: 'default',
      enabled: true,
    });
    const allContent = { 'benchmark-views': { default: { views: [], runs: refs } } };
    await plugin.allContentLoaded!({ allContent } as never);
    await plugin.postBuild!({ outDir, siteConfig } as never);
    for (const ref of refs) {
      const mirror = await fs.readFile(path.join(outDir, `${ref.source}`), 'utf8');
      expect(mirror, ref.source).toBe(rendered(ref, bodies[path.basename(ref.source, '.md') as keyof typeof bodies]));
    }
    expect(await fs.readFile(path.join(outDir, 'reports/runs/titled.md'), 'utf8')).not.toContain(
      '# Run titled\n\nBody',
    );
    expect(await fs.readFile(path.join(outDir, 'reports/runs/marked.md'), 'utf8')).not.toContain('truncate');
    const index = JSON.parse(await fs.readFile(path.join(outDir, 'kb-index.json'), 'utf8'));
    const documents = index.documents.map((d: { url: string; description: string }) => [d.url, d.description]);
    expect(documents.sort()).toEqual(refs.map((ref) => [ref.url, ref.frontMatter.description]).sort());
  });
});
