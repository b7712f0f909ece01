// npm run bench:pages [-- --synthetic [--pages 1000]] [--site DIR] [--form desktop|mobile|both] [--keep]
//
// Builds the site (a copy, via scripts/dev/build-copy.sh) or, with
// --synthetic, the synthetic knowledge base of bench:build; serves it on
// loopback with nginx and the production configuration (deploy/nginx.conf:
// precompressed brotli/gzip, immutable hashed assets, the CSP); runs Lighthouse on one page
// of each kind in the desktop and the default mobile configuration; prints
// score, LCP, TBT, CLS, transfer and JS size per page, checks them against the
// targets of issue 7, and checks every search index part (Pagefind's chunks,
// or search-local's lunr files in an older build) against 500 KB as served.
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startNginx } from '../../deploy/nginx.ts';
import { buildSiteCopy } from '../../e2e/support/build-site.ts';
import { readCutVersions } from '../../e2e/support/site-pages.ts';
import { measureCommand } from '../support/measure.ts';
import { SYNTHETIC_CONFIG, prepareSyntheticSite } from '../support/synthetic-site.ts';
import { runLighthouse, type FormFactor, type PageFigures } from './lighthouse.ts';
import { describeParts, searchIndexParts, type IndexPart } from './index-parts.ts';
import { pickPages } from './pick-pages.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEARCH_PART_LIMIT = 500 * 1024;

const { values } = parseArgs({
  options: {
    synthetic: { type: 'boolean', default: false },
    pages: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    site: { type: 'string' },
    form: { type: 'string', default: 'both' },
    keep: { type: 'boolean', default: false },
    // Build the last commit instead of the working tree (see prepareSyntheticSite).
    head: { type: 'boolean', default: false },
  },
});
const variant = values.synthetic ? 'synthetic' : 'real';
const forms: FormFactor[] = values.form === 'both' ? ['desktop', 'mobile'] : [values.form as FormFactor];
if (!forms.every((f) => f === 'desktop' || f === 'mobile')) {
  console.error('bench:pages: --form takes desktop, mobile or both');
  process.exit(2);
}
// Targets of issue 7: the real KB and the synthetic 1,000-page KB.
const TARGETS = values.synthetic
  ? { desktop: { score: 0, lcpMs: 1000 }, mobile: { score: 85, lcpMs: Infinity } }
  : { desktop: { score: 98, lcpMs: 1000 }, mobile: { score: 90, lcpMs: Infinity } };
const resultsFile = (v: string) => path.join(tmpdir(), `kb-bench-pages-${v}.json`);

interface Result {
  kind: string;
  url: string;
  form: FormFactor;
  figures: PageFigures;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function buildSite(work: string): Promise<string> {
  const out = path.join(work, 'site');
  if (!values.synthetic) {
    console.log(`building the site (copy) into ${out} …`);
    const { wallMs } = await buildSiteCopy(out, path.join(work, 'build.log'));
    console.log(`  built in ${(wallMs / 1000).toFixed(1)} s`);
    return out;
  }
  const pages = Number(values.pages);
  console.log(`generating a synthetic KB of ${pages} pages and building it into ${out} …`);
  const site = await prepareSyntheticSite({
    projectRoot: PROJECT_ROOT,
    dir: path.join(work, 'kb'),
    pages,
    seed: Number(values.seed),
    fromHead: values.head,
  });
  const built = await measureCommand(
    path.join(PROJECT_ROOT, 'node_modules/.bin/docusaurus'),
    ['build', '--config', SYNTHETIC_CONFIG, '--out-dir', out],
    { cwd: site.dir, logFile: path.join(work, 'build.log'), env: { DOCUSAURUS_NO_PERSISTENT_CACHE: '1' } },
  );
  if (built.exitCode !== 0) throw new Error(`synthetic build failed: see ${path.join(work, 'build.log')}`);
  console.log(`  built in ${(built.wallMs / 1000).toFixed(1)} s`);
  return out;
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), `kb-bench-pages-${variant}-`));
  let keep = values.keep;
  try {
    const siteDir = values.site ? path.resolve(values.site) : await buildSite(work);
    const cutVersions = values.synthetic ? [] : await readCutVersions(PROJECT_ROOT);
    const server = await startNginx({ root: siteDir });
    console.log(`nginx (deploy/nginx.conf) serves ${siteDir} at ${server.url}`);
    const results: Result[] = [];
    const failures: string[] = [];
    try {
      const targets = await pickPages(siteDir, cutVersions, values.synthetic);
      for (const target of targets) {
        if (!target.url) {
          console.log(`  skip ${target.kind}: ${target.note}`);
          continue;
        }
        for (const form of forms) {
          const figures = await runLighthouse(PROJECT_ROOT, `${server.url}${target.url}`, form);
          results.push({ kind: target.kind, url: target.url, form, figures });
          console.log(
            `  ${form.padEnd(7)} ${target.kind.padEnd(10)} ${figures.score} (${target.url}; load ${loadavg()[0]?.toFixed(1)})`,
          );
        }
      }
    } finally {
      await server.close();
    }

    console.log(
      `\n| page | form | perf | LCP | TBT | CLS | transfer | JS | CPU index |\n|---|---|---:|---:|---:|---:|---:|---:|---:|`,
    );
    for (const { kind, url, form, figures: f } of results) {
      console.log(
        `| ${kind} \`${url}\` | ${form} | ${f.score} | ${(f.lcpMs / 1000).toFixed(2)} s | ${f.tbtMs.toFixed(0)} ms | ${f.cls.toFixed(3)} | ${kb(f.transferBytes)} | ${kb(f.jsBytes)} | ${f.benchmarkIndex.toFixed(0)} |`,
      );
      const target = TARGETS[form];
      if (f.score < target.score) failures.push(`${form} ${kind}: performance ${f.score} < ${target.score}`);
      if (f.lcpMs > target.lcpMs)
        failures.push(`${form} ${kind}: LCP ${(f.lcpMs / 1000).toFixed(2)} s > ${target.lcpMs / 1000} s`);
    }

    console.log('\nlargest scripts per page (transfer):');
    for (const { kind, figures: f } of results.filter((r) => r.form === forms[0])) {
      console.log(`  ${kind}: ${f.largestScripts.map((x) => `${x.url} ${kb(x.transferBytes)}`).join(', ')}`);
    }

    const parts = await searchIndexParts(siteDir);
    const largest = parts.reduce<IndexPart | undefined>((a, b) => (!a || b.transfer > a.transfer ? b : a), undefined);
    console.log(`\nsearch index parts, as served (every part in ${resultsFile(variant)}):`);
    console.log(parts.length === 0 ? '  none' : describeParts(parts).join('\n'));
    if (largest) console.log(`  largest part: ${largest.file} ${kb(largest.transfer)} (limit 500 KB)`);
    for (const part of parts)
      if (part.transfer > SEARCH_PART_LIMIT)
        failures.push(`search index part ${part.file}: ${kb(part.transfer)} as served > 500 KB`);
    const loaded = results.flatMap((r) =>
      r.figures.searchIndexRequests.map(
        (q) => `${r.kind}/${r.form}: ${q.url.replace(server.url, '')} ${kb(q.transferBytes)}`,
      ),
    );
    if (loaded.length > 0) console.log(`search index requests during page load: ${[...new Set(loaded)].join('; ')}`);

    await writeFile(resultsFile(variant), JSON.stringify({ date: new Date().toISOString(), results, parts }, null, 2));
    if (values.synthetic) {
      const real = await readFile(resultsFile('real'), 'utf8')
        .then((t) => JSON.parse(t) as { results: Result[] })
        .catch(() => undefined);
      if (!real)
        console.log(
          `\n(no ${resultsFile('real')}: run bench:pages without --synthetic first to compare first-load JS)`,
        );
      for (const r of results.filter((x) => x.form === 'desktop')) {
        const base = real?.results.find((x) => x.kind === r.kind && x.form === 'desktop');
        if (!base) continue;
        const growth = r.figures.jsBytes / base.figures.jsBytes - 1;
        console.log(
          `first-load JS ${r.kind}: ${kb(r.figures.jsBytes)} vs real ${kb(base.figures.jsBytes)} (${(growth * 100).toFixed(1)} %)`,
        );
        if (growth > 0.1)
          failures.push(`first-load JS of ${r.kind} grows ${(growth * 100).toFixed(1)} % > 10 % over the real KB`);
      }
    }
    console.log(
      failures.length === 0 ? '\nall page-load targets met' : `\ntargets missed:\n- ${failures.join('\n- ')}`,
    );
    console.log(`results: ${resultsFile(variant)}`);
    if (failures.length > 0) process.exitCode = 1;
  } catch (error) {
    keep = true;
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
