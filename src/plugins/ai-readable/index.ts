/**
 * ai-readable: after every production build, writes llms.txt, the full-text
 * files, a Markdown mirror of every page (URL + `.md`), /kb-index.json and its
 * JSON Schema. Only wiring lives here; the logic is in scripts/ai/.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { cutFrontMatter } from '../../../scripts/core/fence.ts';
import { parseMarkdown } from '../../../scripts/core/front-matter.ts';
import {
  runDocuments,
  runPagesFromContent,
  viewDocuments,
  viewPagesFromContent,
} from '../../../scripts/ai/benchmark-views.ts';
import { planAiOutputs, type SourceInput } from '../../../scripts/ai/build-output.ts';
import { routedPagesFromContent, type RoutedPage } from '../../../scripts/ai/site-content.ts';
import { partsOfBuild } from '../parts/model.ts';
import { whileBundling } from '../while-bundling.ts';
import { writeInThreads } from '../write-in-threads.ts';
import type { PluginOptions } from './options.ts';

export { validateOptions } from './options.ts';

async function readSources(siteDir: string, routes: readonly RoutedPage[]): Promise<SourceInput[]> {
  const unique = new Map(routes.map((r) => [r.source, r.section]));
  return Promise.all(
    [...unique].map(async ([source, section]) => {
      const parsed = parseMarkdown(await fs.readFile(path.join(siteDir, source), 'utf8'), source);
      return { path: source, section, frontMatter: parsed.data, body: parsed.body };
    }),
  );
}

export default function aiReadablePlugin(context: LoadContext, options: PluginOptions): Plugin {
  let allContent: unknown;
  /** The outputs being written while the bundler runs (configureWebpack), awaited by postBuild. */
  let early: Promise<void> | undefined;

  /** Plans every output and writes it. */
  async function writeOutputs(outDir: string, siteConfig: LoadContext['siteConfig']) {
    // Pages from files, plus the benchmark views built from benchmarks/ (they have no file).
    const views = viewDocuments(viewPagesFromContent(allContent));
    // Run pages (reports/runs/): their Markdown files, read here; they are not routes of their own.
    const runs = await runDocuments(runPagesFromContent(allContent), async (source) => {
      // Front matter is in the metadata already: only cut it off (a YAML parse per run would cost seconds).
      // Read synchronously: 10,000 small files in the page cache, where promise reads cost seconds.
      const text = readFileSync(path.join(context.siteDir, source), 'utf8');
      return cutFrontMatter(text).body.replace(/^\n/, '');
    });
    const fileRoutes = routedPagesFromContent(allContent, siteConfig.trailingSlash);
    const routes = [...fileRoutes, ...views.routes, ...runs.routes];
    const sources = [...(await readSources(context.siteDir, fileRoutes)), ...views.sources, ...runs.sources];
    const site = {
      title: siteConfig.title,
      tagline: siteConfig.tagline,
      url: siteConfig.url,
      baseUrl: siteConfig.baseUrl,
      summary: options.summary,
    };
    // A part build (src/plugins/parts) plans for the whole site but writes only its own pages' mirrors;
    // the home part writes the site-wide files (llms.txt, kb-index.json).
    const out = planAiOutputs(site, routes, sources, new Date(), partsOfBuild(siteConfig).ownsFile);
    // Each folder made once (10,000 run page mirrors share one), then the files.
    const dirs = [...new Set(out.files.map((file) => path.dirname(path.join(outDir, file.path))))];
    await Promise.all(dirs.map((dir) => fs.mkdir(dir, { recursive: true })));
    // Written from two threads (10,000 run page mirrors): see write-in-threads.ts.
    await writeInThreads(out.files.map((file) => ({ file: path.join(outDir, file.path), parts: [file.content] })));
    const missing = out.missingSources.length
      ? `; ${out.missingSources.length} source(s) not found: ${out.missingSources.join(', ')}`
      : '';
    for (const warning of out.warnings) console.warn(`[ai-readable] warning: ${warning}`);
    const siteWide = out.files.some((file) => file.path === 'llms.txt')
      ? `llms.txt (${out.records.length} pages), kb-index.json, `
      : '';
    console.log(`[ai-readable] ${siteWide}${out.mirrors} Markdown mirrors${missing}`);
  }

  return {
    name: 'ai-readable',
    allContentLoaded({ allContent: loaded }) {
      allContent = loaded;
    },
    /**
     * A production build writes its outputs while the bundler runs, not after: they need only the loaded
     * content, and a KB with 10,000 run pages has 10,000 mirrors to write. Creating a file costs 25 µs to
     * 1 ms of kernel time on this shared machine (see scripts/core/each-limited.ts), and overlaps rspack's work;
     * the planning (~1.5 s for 10,000 runs) does not come free while rspack keeps both cores busy. Started
     * once the client compilation has its modules (its loaders, which run on this thread, are done); the
     * build's output folder was cleared before the compilation began. postBuild waits for it (and fails
     * the build if it failed).
     */
    configureWebpack(config, isServer) {
      if (!options.enabled) return {};
      return whileBundling(
        'ai-readable',
        config,
        isServer,
        () => writeOutputs(context.outDir, context.siteConfig),
        (job) => {
          early = job;
        },
      );
    },
    async postBuild({ outDir, siteConfig }) {
      if (!options.enabled) return;
      // The early writer wrote into the context's output folder; a build into another one writes here.
      if (early && outDir === context.outDir) await early;
      else await writeOutputs(outDir, siteConfig);
    },
  };
}
