// Runs the real Pagefind binary on a tiny fake build in a temp folder.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSearchIndex } from './build-index.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');
let outDir: string;

const context = {
  labels: { docs: { default: 'Docs', adr: 'ADRs' }, blog: { default: 'Reports' } },
  siteTitle: 'Sophia KB',
  versions: ['current', 'phase-1'],
  versionedDocs: ['default'],
  language: 'en',
  siteDir: PROJECT_ROOT,
};

const html = (htmlClass: string, article: string) =>
  `<!doctype html><html lang=en class="${htmlClass}"><head><title>x | Sophia KB</title></head><body><nav class=navbar>navbarword</nav>` +
  `<main><article><nav class=theme-doc-breadcrumbs>crumbword</nav>${article}<footer class=theme-doc-footer>footerword</footer></article>` +
  `<nav class=pagination-nav>Next page</nav></main><footer class=footer>footword</footer></body></html>`;

async function write(rel: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(outDir, rel)), { recursive: true });
  await writeFile(path.join(outDir, rel), content);
}

/** The decoded fragments (one per page) of the written index. */
async function fragments(): Promise<
  { url: string; content: string; filters: Record<string, string[]>; meta: Record<string, string> }[]
> {
  const dir = path.join(outDir, 'pagefind', 'fragment');
  const files = await readdir(dir);
  return Promise.all(
    files.map(async (f) =>
      JSON.parse(
        gunzipSync(await readFile(path.join(dir, f)))
          .toString('utf8')
          .replace(/^pagefind_dcd/, ''),
      ),
    ),
  );
}

beforeEach(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'kb-search-test-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('buildSearchIndex', () => {
  it('indexes the main content of doc and report pages with section and version filters', async () => {
    await write('index.html', html('plugin-pages plugin-id-default', '<h1>Home</h1><p>homeword</p>'));
    await write(
      'docs/guide.html',
      html('plugin-docs plugin-id-default docs-version-current docs-doc-page', '<h1>Guide</h1><p>zebra current</p>'),
    );
    await write(
      'docs/phase-1/guide.html',
      html('plugin-docs plugin-id-default docs-version-phase-1 docs-doc-page', '<h1>Guide</h1><p>zebra old</p>'),
    );
    await write(
      'adr/use-x.html',
      html('plugin-docs plugin-id-adr docs-version-current docs-doc-page', '<h1>Use X</h1><p>zebra decision</p>'),
    );
    await write(
      'reports/week-1.html',
      html(
        'blog-post-page plugin-blog plugin-id-default',
        '<header><h1>Week 1</h1><time>May 1</time></header><p>zebra report</p>',
      ),
    );
    await write('reports.html', html('blog-list-page plugin-blog plugin-id-default', '<h1>Reports</h1>'));

    const summary = await buildSearchIndex(outDir, context);

    expect(summary).toMatchObject({ pages: 4, bySection: { Docs: 2, ADRs: 1, Reports: 1 } });
    const entry = JSON.parse(await readFile(path.join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    expect(entry.languages.en.page_count).toBe(4);
    await expect(readFile(path.join(outDir, 'pagefind', 'pagefind.js'))).resolves.toBeDefined();
    await expect(readFile(path.join(outDir, 'pagefind', 'pagefind-ui.js'))).rejects.toThrow();

    const byUrl = Object.fromEntries((await fragments()).map((f) => [f.url, f]));
    expect(Object.keys(byUrl).sort()).toEqual(['/adr/use-x', '/docs/guide', '/docs/phase-1/guide', '/reports/week-1']);
    expect(byUrl['/docs/guide']).toMatchObject({
      meta: { title: 'Guide' },
      filters: { section: ['Docs'], version: ['current'] },
    });
    expect(byUrl['/docs/phase-1/guide']?.filters.version).toEqual(['phase-1']);
    expect(byUrl['/adr/use-x']?.filters.version?.sort()).toEqual(['current', 'phase-1']);
    expect(byUrl['/reports/week-1']).toMatchObject({ meta: { title: 'Week 1' }, filters: { section: ['Reports'] } });
    const text = Object.values(byUrl)
      .map((f) => f.content)
      .join(' ');
    expect(text).toContain('zebra');
    for (const chrome of ['navbarword', 'crumbword', 'footerword', 'footword', 'Next page', 'May 1'])
      expect(text).not.toContain(chrome);
  });

  it('fails with one line naming the page when a searchable page cannot be read', async () => {
    await write(
      'docs/guide.html',
      html('plugin-docs plugin-id-default docs-version-current docs-doc-page', '<h1>Guide</h1><p>zebra</p>'),
    );
    await write(
      'docs/broken.html',
      '<html class="plugin-docs plugin-id-default docs-doc-page"><body><div>no article</div></body></html>',
    );
    await expect(buildSearchIndex(outDir, context)).rejects.toThrow(
      /^\[search\] index not built: docs\/broken\.html: a Docs page without an <article> element/,
    );
  });

  it('fails when a searchable page has no text to index', async () => {
    await write('docs/empty.html', html('plugin-docs plugin-id-default docs-version-current docs-doc-page', ''));
    await expect(buildSearchIndex(outDir, context)).rejects.toThrow(
      /^\[search\] index not built: Pagefind's index holds 0 pages but 1 were added/,
    );
  });
});
