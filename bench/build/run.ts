// npm run bench:build [-- --pages 1000 --seed 1 --compare --compare-pages 100 --rebuild --keep]
//
// Generates a synthetic knowledge base (bench/support/synthetic-kb.ts) in a
// temp copy of the project and builds it with the project's configuration,
// printing wall time and peak memory (sum of the process tree's RSS).
// --compare also builds the same Markdown with a bare Docusaurus configuration
// (same N) and, at a smaller N, with and without @docusaurus/faster, and
// prints the ratios against the targets (≤ 1.15× bare, ≤ 0.3× default bundler).
// Every build is cold: DOCUSAURUS_NO_PERSISTENT_CACHE=1, so runs are
// comparable and never touch the rspack cache in the shared node_modules.
// --rebuild instead measures a team's CI rebuild: a first build that fills
// the Rspack persistent cache (in the copy's own node_modules/.cache), one
// page edited, and the build again with that cache (target ≤ 60 s at 5,000).
// --parts builds the KB as site parts (src/plugins/parts; groups of folders of
// at most --part-pages pages, default 1,000, plus the home part), one build
// per part with its own bundler cache, and merges them (deploy/parts.ts): the
// longest part is the wall time of parallel CI jobs, the sum that of one
// machine. With --rebuild: one page edited, then every part again with its
// cache (the edit changes its part and the home part's llms-full.txt; the
// parallel jobs of .github/workflows/parts.yml build them all), and the merge.
import { appendFile, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureCommand, type Measurement } from '../support/measure.ts';
import { writeFile } from 'node:fs/promises';
import { describeMerge, mergeParts } from '../../deploy/parts.ts';
import { ownerOf } from '../../src/plugins/parts/model.ts';
import {
  BARE_CONFIG,
  BARE_DESCRIPTION,
  SYNTHETIC_CONFIG,
  SYNTHETIC_PARTS_FILE,
  prepareSyntheticSite,
  syntheticParts,
  type SyntheticSite,
} from '../support/synthetic-site.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Wall-time targets by size: < 100 s at 1,000 pages (site foundation), ≤ 300 s and ≤ 8 GB at 5,000 (issue 20, the plan's five minutes). */
const TARGET_WALL_S = 100;
const TARGET_5000_WALL_S = 300;
const TARGET_5000_PEAK_BYTES = 8 * 1024 ** 3;
const TARGET_BARE_RATIO = 1.15;
const TARGET_BUNDLER_RATIO = 0.3;

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    compare: { type: 'boolean', default: false },
    'compare-pages': { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    // Build the last commit instead of the working tree (see prepareSyntheticSite).
    head: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    parts: { type: 'boolean', default: false },
    'part-pages': { type: 'string', default: '1000' },
  },
});
const pages = Number(values.pages);
const comparePages = Number(values['compare-pages']);
const seed = Number(values.seed);
if (!Number.isInteger(pages) || pages < 1 || !Number.isInteger(comparePages) || comparePages < 1) {
  console.error('bench:build: --pages and --compare-pages take a positive integer — e.g. --pages 1000');
  process.exit(2);
}

interface Row extends Measurement {
  label: string;
  pages: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const cpu = (m: Measurement) => (m.cpuMs === undefined ? 'n/a' : s(m.cpuMs));

async function build(
  dir: string,
  label: string,
  n: number,
  config: string,
  faster: boolean,
  cache = false,
  part?: { name: string; outDir: string },
): Promise<Row> {
  const outDir = part?.outDir ?? path.join(dir, `build-${label.replace(/\W+/g, '-')}`);
  const logFile = `${outDir}.log`;
  process.stdout.write(`  building ${label} (${n} pages) … `);
  const result = await measureCommand(
    path.join(PROJECT_ROOT, 'node_modules/.bin/docusaurus'),
    ['build', '--config', config, '--out-dir', outDir],
    {
      cwd: dir,
      logFile,
      env: {
        ...(cache ? {} : { DOCUSAURUS_NO_PERSISTENT_CACHE: '1' }),
        KB_BENCH_FASTER: faster ? '1' : '0',
        NODE_ENV: 'production',
        ...(part ? { KB_PART: part.name } : {}),
      },
    },
  );
  if (result.exitCode !== 0) {
    console.log('FAILED');
    throw new Error(`${label} build failed (exit ${result.exitCode}): see ${logFile}`);
  }
  console.log(
    `${s(result.wallMs)} wall, ${cpu(result)} CPU, peak ${mb(result.peakTreeRss)}, load ${result.loadAverage.toFixed(1)}`,
  );
  // Output only matters for bench:pages and the parts' merge; drop it so /tmp does not fill up.
  if (!part) await rm(outDir, { recursive: true, force: true });
  return { ...result, label, pages: n };
}

/**
 * The copy's own node_modules: a folder of links to the project's packages, so the Rspack persistent cache
 * (node_modules/.cache/rspack) is this copy's and never the shared one.
 */
async function privateNodeModules(dir: string): Promise<void> {
  const modules = path.join(dir, 'node_modules');
  await rm(modules, { force: true });
  await mkdir(modules);
  const shared = path.join(PROJECT_ROOT, 'node_modules');
  for (const entry of await readdir(shared)) {
    if (entry !== '.cache') await symlink(path.join(shared, entry), path.join(modules, entry));
  }
}

async function rebuild(dir: string, page: string): Promise<void> {
  await privateNodeModules(dir);
  const first = await build(dir, 'project, cache filled', pages, SYNTHETIC_CONFIG, true, true);
  await appendFile(path.join(dir, page), '\n\nEdited for the rebuild benchmark: one changed paragraph.\n');
  const second = await build(dir, 'project, one page edited, with the cache', pages, SYNTHETIC_CONFIG, true, true);
  console.log(
    `\nrebuild after editing ${page}: ${s(second.wallMs)} wall, ${cpu(second)} CPU, peak ${mb(second.peakTreeRss)} ` +
      `(first build ${s(first.wallMs)}; target ≤ 60 s) ${second.wallMs <= 60_000 ? 'ok' : 'MISSED'}`,
  );
}

async function buildParts(site: SyntheticSite): Promise<void> {
  const partPages = Number(values['part-pages']);
  const table = syntheticParts(site.kb, partPages);
  await writeFile(path.join(site.dir, SYNTHETIC_PARTS_FILE), `${JSON.stringify(table, null, 2)}\n`);
  await privateNodeModules(site.dir);
  const partsDir = path.join(site.dir, 'build-parts');
  const merged = path.join(site.dir, 'build');
  await mkdir(partsDir, { recursive: true });
  console.log(
    `  ${table.length} parts: ${table.map((p) => `${p.name} (${p.paths.join(' ') || 'the rest'})`).join(', ')}`,
  );
  const rows: Row[] = [];
  for (const part of table) {
    const outDir = path.join(partsDir, part.name);
    rows.push(
      await build(site.dir, `part ${part.name}`, pages, SYNTHETIC_CONFIG, true, true, { name: part.name, outDir }),
    );
  }
  const merge = await mergeParts(partsDir, merged);
  console.log(`  ${describeMerge(merge, merged)}`);
  const longest = rows.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
  const peak = Math.max(...rows.map((r) => r.peakTreeRss));
  const sumWall = rows.reduce((n, r) => n + r.wallMs, 0);
  const sumCpu = rows.reduce((n, r) => n + (r.cpuMs ?? 0), 0);
  console.log(
    '\n| part | pages rendered | wall | CPU | peak memory |\n|---|---:|---:|---:|---:|\n' +
      rows
        .map(
          (r, i) =>
            `| ${table[i]!.name} | ${merge.parts[i]!.pages} | ${s(r.wallMs)} | ${cpu(r)} | ${mb(r.peakTreeRss)} |`,
        )
        .join('\n'),
  );
  const parallel = longest.wallMs + merge.ms;
  console.log(
    `\n${pages} pages as ${table.length} parts: parallel jobs ${s(parallel)} (longest: ${longest.label}, ${s(longest.wallMs)}, + merge ${s(merge.ms)}), ` +
      `one machine ${s(sumWall + merge.ms)} wall, ${s(sumCpu)} CPU; peak ${mb(peak)} ` +
      `(target ≤ ${TARGET_5000_WALL_S} s and ≤ 8 GB per job) ${longest.wallMs / 1000 <= TARGET_5000_WALL_S && peak <= TARGET_5000_PEAK_BYTES ? 'ok' : 'MISSED'}`,
  );
  if (!values.rebuild) return;
  // One page edited: its part changes, and so does the home part (llms-full.txt carries every page's text),
  // so every part is built again, each with its own cache, as the parallel jobs of parts.yml do.
  const page = site.kb.pages.find((p) => p.section === 'docs')!;
  await appendFile(path.join(site.dir, page.file), '\n\nEdited for the rebuild benchmark: one changed paragraph.\n');
  console.log(`\n  ${page.file} edited (part ${ownerOf(table, page.url)}); every part again, with its cache:`);
  const again: Row[] = [];
  for (const part of table) {
    const outDir = path.join(partsDir, part.name);
    again.push(
      await build(site.dir, `part ${part.name}, warm`, pages, SYNTHETIC_CONFIG, true, true, {
        name: part.name,
        outDir,
      }),
    );
  }
  const remerge = await mergeParts(partsDir, merged);
  const slowest = again.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
  const total = slowest.wallMs + remerge.ms;
  console.log(
    `\nrebuild after editing one page, as parallel jobs: ${s(total)} (slowest: ${slowest.label}, ${s(slowest.wallMs)}, ` +
      `peak ${mb(slowest.peakTreeRss)}, + merge ${s(remerge.ms)}); one machine ${s(again.reduce((n, r) => n + r.wallMs, 0) + remerge.ms)} ` +
      `(target ≤ 60 s) ${total <= 60_000 ? 'ok' : 'MISSED'}`,
  );
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'kb-bench-build-'));
  let keep = values.keep;
  try {
    console.log(`bench:build — synthetic KB of ${pages} pages (seed ${seed}) in ${work}`);
    const site = await prepareSyntheticSite({
      projectRoot: PROJECT_ROOT,
      dir: path.join(work, `kb-${pages}`),
      pages,
      seed,
      fromHead: values.head,
    });
    const { counts, bytes } = site.kb;
    console.log(
      `  ${counts.docs} handbook, ${counts.runbooks} runbooks, ${counts.adr} ADRs, ${counts.reports} reports; ` +
        `${(bytes / 1024 / 1024).toFixed(1)} MB of Markdown; ${site.kb.pages.filter((p) => p.hasMermaid).length} with Mermaid`,
    );
    if (values.parts) {
      await buildParts(site);
      return;
    }
    if (values.rebuild) {
      await rebuild(site.dir, site.kb.pages.find((p) => p.section === 'docs')!.file);
      return;
    }
    const rows: Row[] = [await build(site.dir, 'project', pages, SYNTHETIC_CONFIG, true)];
    const [project] = rows as [Row];

    if (values.compare) {
      console.log(`  (${BARE_DESCRIPTION})`);
      const bare = await build(site.dir, 'bare', pages, BARE_CONFIG, true);
      rows.push(bare);
      const small = await prepareSyntheticSite({
        projectRoot: PROJECT_ROOT,
        dir: path.join(work, `kb-${comparePages}`),
        pages: comparePages,
        seed,
        fromHead: values.head,
      });
      const fasterSmall = await build(small.dir, 'project-small', comparePages, SYNTHETIC_CONFIG, true);
      const defaultSmall = await build(
        small.dir,
        'project-small-default-bundler',
        comparePages,
        SYNTHETIC_CONFIG,
        false,
      );
      rows.push(fasterSmall, defaultSmall);

      const bareRatio = project.wallMs / bare.wallMs;
      const bundlerRatio = fasterSmall.wallMs / defaultSmall.wallMs;
      const cpuRatio = (a: Row, b: Row) => (a.cpuMs && b.cpuMs ? `${(a.cpuMs / b.cpuMs).toFixed(2)}×` : 'n/a');
      console.log(
        '\n| build | pages | wall | CPU (user+sys) | peak memory (tree RSS) | load avg |\n|---|---:|---:|---:|---:|---:|',
      );
      for (const row of rows) {
        console.log(
          `| ${row.label} | ${row.pages} | ${s(row.wallMs)} | ${cpu(row)} | ${mb(row.peakTreeRss)} | ${row.loadAverage.toFixed(1)} |`,
        );
      }
      console.log(
        `\nproject / bare (${pages} pages): wall ${bareRatio.toFixed(2)}×, CPU ${cpuRatio(project, bare)} (target ≤ ${TARGET_BARE_RATIO}×) ${bareRatio <= TARGET_BARE_RATIO ? 'ok' : 'MISSED'}`,
      );
      console.log(
        `faster / default bundler (${comparePages} pages): wall ${bundlerRatio.toFixed(2)}×, CPU ${cpuRatio(fasterSmall, defaultSmall)} (target ≤ ${TARGET_BUNDLER_RATIO}×) ${bundlerRatio <= TARGET_BUNDLER_RATIO ? 'ok' : 'MISSED'}`,
      );
    }
    const wallS = project.wallMs / 1000;
    const large = pages >= 5000;
    const limit = large ? TARGET_5000_WALL_S : TARGET_WALL_S;
    const memoryOk = !large || project.peakTreeRss <= TARGET_5000_PEAK_BYTES;
    console.log(
      `\n${pages}-page build: ${s(project.wallMs)} wall, ${cpu(project)} CPU, peak memory ${mb(project.peakTreeRss)} ` +
        `(target ${large ? `≤ ${limit} s and ≤ 8 GB at 5,000 pages` : `< ${limit} s at 1,000 pages`}) ` +
        `${wallS <= limit && memoryOk ? 'ok' : 'MISSED'}`,
    );
  } catch (error) {
    keep = true; // the build logs say why
    throw error;
  } finally {
    if (keep) console.log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
