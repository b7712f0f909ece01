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

  /** A run page's Markdown body: its file without the front matter (which its metadata already holds). */
  function runBody(source: string): string {
    // Read synchronously: small files in the page cache, where promise reads cost seconds for 10,000.
    const text = readFileSync(path.join(context.siteDir, source), 'utf8');
    return cutFrontMatter(text).body.replace(/^\n/, '');
  }

  /** Plans every output and writes it. */
  async function writeOutputs(outDir: string, siteConfig: LoadContext['siteConfig']) {
    // Pages from files, plus the benchmark views built from benchmarks/ (they have no file).
    const views = viewDocuments(viewPagesFromContent(allContent));
    // Run pages (reports/runs/): not routes of their own. Their Markdown is not read here: a record needs
    // only the metadata (the body gives a description only to a page without one), and the writer threads
    // take each mirror's body from its file. Read, rendered and written from here, the 10,000 mirrors of a
    // long history cost 3.4-7 s of a 30 s build (bench:history, mirrors of run pages on and off).
    const unread = new Set<string>();
    const runs = await runDocuments(runPagesFromContent(allContent), async (ref) => {
      if (typeof ref.frontMatter.description !== 'string') return runBody(ref.source);
      unread.add(ref.source);
      return '';
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
    const owns = partsOfBuild(siteConfig).ownsFile;
    const now = new Date();
    const out = planAiOutputs(site, routes, sources, now, owns, (source) => unread.has(source));
    // Each folder made once (10,000 run page mirrors share one), then the files.
    const dirs = [...new Set(out.files.map((file) => path.dirname(path.join(outDir, file.path))))];
    await Promise.all(dirs.map((dir) => fs.mkdir(dir, { recursive: true })));
    // Written from two threads (10,000 run page mirrors): see write-in-threads.ts.
    const sourceOf = new Map<string, string>();
    const { deferred } = await writeInThreads(
      out.files.map((file) => {
        const abs = path.join(outDir, file.path);
        if (file.bodyOf === undefined) return { file: abs, parts: [file.content] };
        sourceOf.set(abs, file.bodyOf);
        return { file: abs, parts: [file.content, { mirrorBody: path.join(context.siteDir, file.bodyOf) }] };
      }),
    );
    // Run pages whose mirror rewrites its body (a `.md` link, a truncate marker, a `# ` heading: hand-edited
    // pages; kb ingest writes none): planned again with their bodies, and rendered like any other page.
    const again = new Set(deferred.map((job) => sourceOf.get(job.file)!));
    const warnings = [...out.warnings];
    if (again.size > 0) {
      const read = sources.map((s) => (again.has(s.path) ? { ...s, body: runBody(s.path) } : s));
      const files = new Set(deferred.map((job) => job.file));
      const redo = planAiOutputs(site, routes, read, now, (file) => owns(file) && files.has(path.join(outDir, file)));
      await writeInThreads(redo.files.map((file) => ({ file: path.join(outDir, file.path), parts: [file.content] })));
      warnings.push(...redo.warnings);
    }
    const missing = out.missingSources.length
      ? `; ${out.missingSources.length} source(s) not found: ${out.missingSources.join(', ')}`
      : '';
    for (const warning of warnings) console.warn(`[ai-readable] warning: ${warning}`);
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
