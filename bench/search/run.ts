// npm run bench:search [-- --site build] [--verbose]
//
// Recall at 3 of the two searches on the held-out questions of
// bench/search/questions.json (each with the page or pages that answer it):
//   kb mcp   the `search` tool's MiniSearch index (scripts/ai/search.ts), built from the sources
//   site     Pagefind, the real build's index (--site DIR), queried in Debian chromium the
//            way /search does (current version), on a loopback server
// A question counts when one of its answers is among the first three results.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { launchBrowser } from '../../e2e/support/browser.ts';
import { startNginx } from '../../deploy/nginx.ts';
import { loadKnowledgeBase } from '../../scripts/ai/knowledge-base.ts';
import { buildSearchIndex } from '../../scripts/ai/search.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    site: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    questions: { type: 'string', default: 'bench/search/questions.json' },
  },
});

interface Question {
  q: string;
  answers: string[];
}

const normalizeUrl = (url: string) => {
  const p = new URL(url, 'http://x').pathname.replace(/\.html$/, '').replace(/\/index$/, '');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
};

function report(name: string, rows: { q: string; hit: boolean; top: string[] }[]): void {
  const hits = rows.filter((r) => r.hit).length;
  console.log(`${name}: recall@3 ${hits}/${rows.length} = ${((hits / rows.length) * 100).toFixed(1)} %`);
  for (const r of rows)
    if (!r.hit || values.verbose)
      console.log(`  ${r.hit ? 'hit ' : 'MISS'} "${r.q}" → ${r.top.join(', ') || '(nothing)'}`);
}

async function main(): Promise<void> {
  const { questions } = JSON.parse(await readFile(path.resolve(ROOT, values.questions), 'utf8')) as {
    questions: Question[];
  };
  const kb = await loadKnowledgeBase(ROOT);
  const idOfUrl = new Map(kb.records.map((r) => [normalizeUrl(r.url), r.id] as const));
  for (const q of questions)
    for (const a of q.answers)
      if (!kb.records.some((r) => r.id === a)) throw new Error(`questions.json: "${q.q}": no document ${a}`);

  const index = buildSearchIndex(kb.records);
  report(
    'kb mcp search (MiniSearch)',
    questions.map(({ q, answers }) => {
      const top = index.search(q, { limit: 3 }).map((h) => h.id);
      return { q, hit: top.some((id) => answers.includes(id)), top };
    }),
  );

  if (!values.site) {
    console.log(
      'site search (Pagefind): skipped; pass --site <build dir> (npm run build, or scripts/dev/build-copy.sh DIR)',
    );
    return;
  }
  const server = await startNginx({ root: path.resolve(values.site) });
  const browser = await launchBrowser({ baseURL: server.url });
  try {
    const page = await browser.context.newPage();
    await page.goto('/');
    // The site's own client code (src/components/Search/relaxed.ts), bundled for the page.
    const bundle = await build({
      entryPoints: [path.join(ROOT, 'src/components/Search/relaxed.ts')],
      bundle: true,
      format: 'iife',
      globalName: 'kbRelaxed',
      write: false,
      platform: 'browser',
    });
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    // Written as a string: tsx would add helper calls (__name) the page does not have.
    const script = `(async (qs) => {
      const pagefind = await import(location.origin + '/pagefind/pagefind.js');
      await pagefind.init();
      const options = { filters: { version: 'current' } };
      const top3 = async (found) => (await Promise.all(found.results.slice(0, 3).map((r) => r.data()))).map((d) => d.url);
      const out = [];
      for (const q of qs) {
        const exact = await pagefind.search(q, options);
        out.push({ exact: await top3(exact), relaxed: await top3(await kbRelaxed.relaxedSearch(pagefind, q, options, exact)) });
      }
      return out;
    })(${JSON.stringify(questions.map((q) => q.q))})`;
    const urls = (await page.evaluate(script)) as { exact: string[]; relaxed: string[] }[];
    for (const mode of ['exact', 'relaxed'] as const) {
      report(
        mode === 'exact'
          ? 'site search (Pagefind, every word must match)'
          : 'site search (Pagefind + relaxed search with the thesaurus, as the site runs it)',
        questions.map(({ q, answers }, i) => {
          const top = (urls[i]?.[mode] ?? []).map((u) => idOfUrl.get(normalizeUrl(u)) ?? normalizeUrl(u));
          return { q, hit: top.some((id) => answers.includes(id)), top };
        }),
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
