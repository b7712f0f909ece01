import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FRAME_TOKENS, formatRunPageHtml, type RunPageMeta } from '../../../scripts/report/run-page-format.ts';
import {
  checkFrame,
  fillFrame,
  fillViewPages,
  loadRunPageEntries,
  readRunArticle,
  writeRunPages,
} from './run-pages.ts';
import { VIEW_ARTICLE_TOKEN } from './types.ts';

/** Every stored run page with its article, as routes mode (KB_RUN_PAGES=routes) reads them. */
const loadRunPages = async (siteDir: string) =>
  (await loadRunPageEntries(siteDir)).map((entry) => ({ ...entry, article: readRunArticle(siteDir, entry) }));

const meta = (id: string, date: string, title = `api — ${date}`): RunPageMeta => ({
  url: `/reports/runs/${id}`,
  source: `reports/runs/${id}.md`,
  frontMatter: {
    title,
    description: `k6 run of suite api: 1 SLO pass, 0 fail, 0 regressions.`,
    kind: 'benchmark-report',
    date,
    suite: 'api',
    run: id,
    tags: ['benchmark', 'k6', 'api'],
  },
});

/** The frame as the minified build writes it: quoted where a placeholder has a space, the route's path in the canonical link. */
const frame = `<!doctype html><html><head><title data-rh=true>${FRAME_TOKENS.title} | Sophia KB</title><meta name=description content="${FRAME_TOKENS.description}"><link rel=canonical href=https://kb.test/reports/runs/:run></head><body><main><article id=kb-run data-run="${FRAME_TOKENS.id}" data-title="${FRAME_TOKENS.title}" data-description="${FRAME_TOKENS.description}">${FRAME_TOKENS.article}</article></main></body></html>`;

describe('fillFrame', () => {
  it('puts the run in: URL, escaped title and description, the article as written', () => {
    const m = meta('api-20261101t000000', '2026-11-01', 'api "1x" <b> — $& 1 Nov');
    const html = fillFrame(frame, m, '<header><h1>x</h1></header><p>$1 and $&amp;</p>');
    expect(html).toContain('href=https://kb.test/reports/runs/api-20261101t000000>');
    expect(html).toContain('<title data-rh=true>api &quot;1x&quot; &lt;b&gt; — $&amp; 1 Nov | Sophia KB</title>');
    expect(html).toContain('data-title="api &quot;1x&quot; &lt;b&gt; — $&amp; 1 Nov"');
    // `$` patterns in the article are not replacement patterns.
    expect(html).toContain('<p>$1 and $&amp;</p>');
    expect(html).not.toContain('@@KB_RUN');
  });

  it('refuses a frame that lost a placeholder, naming the switch-off', () => {
    expect(() => checkFrame(frame)).not.toThrow();
    expect(() => checkFrame(frame.replace(FRAME_TOKENS.article, ''))).toThrow(
      /no article placeholder.*KB_RUN_PAGES=routes/,
    );
  });
});

describe('loadRunPages / writeRunPages', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-run-pages-'));
    await fs.mkdir(path.join(dir, 'site/reports/runs'), { recursive: true });
    await fs.mkdir(path.join(dir, 'out/reports/runs'), { recursive: true });
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const store = (id: string, date: string) =>
    fs.writeFile(
      path.join(dir, 'site/reports/runs', `${id}.html`),
      formatRunPageHtml(meta(id, date), `<h1>${id}</h1>`),
    );

  it('lists the stored pages newest first and writes each into the frame, then removes the frame', async () => {
    await store('api-20261101t000000', '2026-11-01');
    await store('api-20261103t000000', '2026-11-03');
    await store('api-20261102t000000', '2026-11-02');
    await fs.writeFile(path.join(dir, 'site/reports/runs/api-20261101t000000.md'), '---\ntitle: x\n---\n');
    const runs = await loadRunPages(path.join(dir, 'site'));
    expect(runs.map((r) => r.frontMatter.run)).toEqual([
      'api-20261103t000000',
      'api-20261102t000000',
      'api-20261101t000000',
    ]);
    await fs.writeFile(path.join(dir, 'out/reports/runs/:run.html'), frame);
    // As the build does: the entries, each article read as its page is written.
    const entries = await loadRunPageEntries(path.join(dir, 'site'));
    expect(await writeRunPages(path.join(dir, 'out'), path.join(dir, 'site'), entries)).toBe(3);
    const built = (await fs.readdir(path.join(dir, 'out/reports/runs'))).sort();
    expect(built).toEqual(['api-20261101t000000.html', 'api-20261102t000000.html', 'api-20261103t000000.html']);
    const page = await fs.readFile(path.join(dir, 'out/reports/runs/api-20261102t000000.html'), 'utf8');
    expect(page).toContain('<h1>api-20261102t000000</h1></article>');
  });

  it('writes the article byte for byte (non-ASCII text, a title with markup) and cuts only trailing whitespace', async () => {
    const article = '<h1>p99 ≤ 250 ms — “ok” · 5 µs</h1>\n<p>ünïcode</p>';
    const m = { ...meta('api-20261104t000000', '2026-11-04') };
    m.frontMatter = { ...m.frontMatter, title: 'p99 < 250 ms — “ok”' };
    await fs.writeFile(
      path.join(dir, 'site/reports/runs/api-20261104t000000.html'),
      `${formatRunPageHtml(m, article)} \r\n\t\n`,
    );
    const [run] = await loadRunPages(path.join(dir, 'site'));
    expect(Buffer.from(run!.article).toString('utf8')).toBe(article);
    await fs.writeFile(path.join(dir, 'out/reports/runs/:run.html'), frame);
    await writeRunPages(path.join(dir, 'out'), path.join(dir, 'site'), [run!]);
    const page = await fs.readFile(path.join(dir, 'out/reports/runs/api-20261104t000000.html'), 'utf8');
    expect(page).toContain(`>${article}</article>`);
    expect(page).toContain('<title data-rh=true>p99 &lt; 250 ms — “ok” | Sophia KB</title>');
    expect(page).toBe(fillFrame(frame, m, article));
  });

  it('fails the build with one line naming a file that is not a run page, and the fix', async () => {
    await fs.writeFile(path.join(dir, 'site/reports/runs/notes.html'), '<p>hand-written</p>\n');
    await expect(loadRunPages(path.join(dir, 'site'))).rejects.toThrow(
      /^\[benchmark-views\] reports\/runs\/notes\.html: not a run page written by kb ingest .* — run `kb ingest --regenerate`, or move the file out of reports\/runs\/$/,
    );
  });

  it('reads a metadata line longer than one read (a run with many SLO verdicts), and its article after it', async () => {
    const m = meta('api-20261105t000000', '2026-11-05', `api ${'— a long title '.repeat(1200)}`);
    await fs.writeFile(
      path.join(dir, 'site/reports/runs/api-20261105t000000.html'),
      formatRunPageHtml(m, '<h1>long</h1>'),
    );
    const [entry] = await loadRunPageEntries(path.join(dir, 'site'));
    expect(entry!.frontMatter.title).toBe(m.frontMatter.title);
    expect(entry).not.toHaveProperty('article');
    expect(Buffer.from(readRunArticle(path.join(dir, 'site'), entry!)).toString('utf8')).toBe('<h1>long</h1>');
  });

  it('names a run page replaced by another file between listing and writing', async () => {
    await store('api-20261101t000000', '2026-11-01');
    const [entry] = await loadRunPageEntries(path.join(dir, 'site'));
    await fs.writeFile(path.join(dir, 'site/reports/runs/api-20261101t000000.html'), '<p>hand-written</p>\n');
    expect(() => readRunArticle(path.join(dir, 'site'), entry!)).toThrow(
      /^\[benchmark-views\] reports\/runs\/api-20261101t000000\.html: not a run page written by kb ingest/,
    );
  });

  it('fails the build naming a stored page replaced after it was listed, when its page is written', async () => {
    await store('api-20261101t000000', '2026-11-01');
    await store('api-20261102t000000', '2026-11-02');
    const entries = await loadRunPageEntries(path.join(dir, 'site'));
    await fs.writeFile(path.join(dir, 'site/reports/runs/api-20261101t000000.html'), '<p>hand-written</p>\n');
    await fs.writeFile(path.join(dir, 'out/reports/runs/:run.html'), frame);
    await expect(writeRunPages(path.join(dir, 'out'), path.join(dir, 'site'), entries)).rejects.toThrow(
      /^\[benchmark-views\] reports\/runs\/api-20261101t000000\.html: not a run page written by kb ingest/,
    );
  });

  it('fails loudly when the build has no frame (a Docusaurus upgrade rendered the route otherwise)', async () => {
    await store('api-20261101t000000', '2026-11-01');
    const runs = await loadRunPages(path.join(dir, 'site'));
    await expect(writeRunPages(path.join(dir, 'out'), path.join(dir, 'site'), runs)).rejects.toThrow(
      /the run page frame .* is not in the build.*KB_RUN_PAGES=routes/,
    );
  });
});

describe('fillViewPages', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-view-pages-'));
    await fs.mkdir(path.join(dir, 'reports/api-history'), { recursive: true });
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const page = (body: string) => `<html><body><main><div class=markdown id=kb-view>${body}</div></main></body></html>`;

  it('puts each body in place of the placeholder of its page, with or without trailing slash', async () => {
    await fs.writeFile(path.join(dir, 'reports/api.html'), page(VIEW_ARTICLE_TOKEN));
    await fs.writeFile(path.join(dir, 'reports/api-history/index.html'), page(VIEW_ARTICLE_TOKEN));
    const n = fillViewPages(
      dir,
      [
        { url: '/reports/api', html: '<p>$& and $1</p>' },
        { url: '/reports/api-history', html: '<svg class="kb-chart"></svg>' },
      ],
      VIEW_ARTICLE_TOKEN,
    );
    expect(n).toBe(2);
    expect(await fs.readFile(path.join(dir, 'reports/api.html'), 'utf8')).toBe(page('<p>$& and $1</p>'));
    expect(await fs.readFile(path.join(dir, 'reports/api-history/index.html'), 'utf8')).toBe(
      page('<svg class="kb-chart"></svg>'),
    );
  });

  it('fails naming the page and the switch-off when the placeholder is missing, doubled, or the page is not built', async () => {
    await fs.writeFile(path.join(dir, 'reports/a.html'), page('no placeholder'));
    await fs.writeFile(path.join(dir, 'reports/b.html'), page(VIEW_ARTICLE_TOKEN + VIEW_ARTICLE_TOKEN));
    const fill = (url: string) => () => fillViewPages(dir, [{ url, html: 'x' }], VIEW_ARTICLE_TOKEN);
    expect(fill('/reports/a')).toThrow(/reports\/a\.html: the view's placeholder .* is missing.*KB_RUN_PAGES=routes/);
    expect(fill('/reports/b')).toThrow(/reports\/b\.html: .* there more than once/);
    expect(fill('/reports/c')).toThrow(/the page of \/reports\/c is not in the build.*KB_RUN_PAGES=routes/);
  });
});
