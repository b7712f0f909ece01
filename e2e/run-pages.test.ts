// Run pages (issue 14): written by kb ingest, served from one route's frame
// (src/plugins/benchmark-views/run-pages.ts, src/components/RunPage). Opened
// directly, reached from the reports index without a reload, unknown ids, their
// Markdown copies, kb-index.json, llms.txt and site search. Runs are picked from
// the build, so the test holds as runs are added.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, waitForHydration } from './support/browser.ts';
import { PROJECT_ROOT } from './support/build-site.ts';
import { parseRunPageHtml } from '../scripts/report/run-page-format.ts';
import { browserForSuite } from './support/suite.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');
const browser = browserForSuite(baseURL);

const runFiles = (await readdir(path.join(siteDir, 'reports/runs'))).filter((f) => f.endsWith('.html')).sort();
const runUrl = (file: string) => `/reports/runs/${file.replace(/\.html$/, '')}`;
const teamRun = runFiles.find((f) => !f.startsWith('example-')) ?? runFiles[0]!;

async function article(page: Page): Promise<{ h1: string; text: string; charts: number }> {
  return page.locator('main article#kb-run').evaluate((a) => ({
    h1: a.querySelector('h1')?.textContent ?? '',
    text: a.textContent ?? '',
    charts: a.querySelectorAll('svg.kb-chart').length,
  }));
}

describe('run pages', () => {
  it('are built for every stored run, and the frame they are made from is not', async () => {
    const stored = (await readdir(path.join(PROJECT_ROOT, 'reports/runs'))).filter((f) => f.endsWith('.html'));
    expect(runFiles.length).toBeGreaterThan(5);
    expect(runFiles).toEqual(stored.sort());
    expect(runFiles.some((f) => f.includes(':run'))).toBe(false);
    const html = await readFile(path.join(siteDir, 'reports/runs', teamRun), 'utf8');
    expect(html).not.toContain('@@KB_RUN');
    expect(html).toMatch(/<link[^>]*rel=canonical[^>]*\/reports\/runs\/[a-z0-9-]+/);
    const sitemap = await readFile(path.join(siteDir, 'sitemap.xml'), 'utf8');
    expect(sitemap).not.toContain(':run');
  });

  it('opened directly: the article the server sent stays, in the site frame, and hydrates without errors', async () => {
    const url = runUrl(teamRun);
    const { page, problems } = await openPage(browser.context);
    expect((await page.goto(url, { waitUntil: 'load' }))?.status(), `HTTP status of ${url}`).toBe(200);
    const served = await article(page);
    await waitForHydration(page);
    const hydrated = await article(page);
    expect(hydrated).toEqual(served);
    expect(hydrated.h1).toMatch(/ — \d{1,2} \w{3} \d{4}/);
    expect(hydrated.text).toContain('Regressions');
    expect(await page.title()).toBe(`${hydrated.h1} | Sophia KB`);
    await expect(page.locator('nav.navbar').count()).resolves.toBe(1);
    await expect(page.locator('footer').count()).resolves.toBeGreaterThan(0);
    expect(problems.errors, `console errors on ${url}`).toEqual([]);
    expect(problems.failedRequests, `failed requests on ${url}`).toEqual([]);
    await page.close();
  });

  it('reached from the reports index: shown without a reload, with its title', async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto('/reports');
    await waitForHydration(page);
    await page.evaluate(() => {
      (window as unknown as { kbNoReload: boolean }).kbNoReload = true;
    });
    const link = page.locator('main section a[href^="/reports/runs/"]').first();
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await page.waitForURL((u) => u.pathname === href, { timeout: 30_000 });
    await page.locator('main article#kb-run h1').waitFor({ state: 'visible', timeout: 30_000 });
    const shown = await article(page);
    expect(shown.text).toContain('Regressions');
    expect(await page.evaluate(() => (window as unknown as { kbNoReload?: boolean }).kbNoReload)).toBe(true);
    await page.waitForFunction((h1) => document.title.startsWith(h1), shown.h1, { timeout: 10_000 });
    expect(problems.errors, 'console errors').toEqual([]);
    expect(problems.failedRequests, 'failed requests').toEqual([]);
    await page.close();
  });

  it('an unknown run id is a 404, and says so when reached inside the site', async () => {
    const response = await fetch(new URL('/reports/runs/no-such-run-20000101t000000', baseURL));
    expect(response.status).toBe(404);
    const { page } = await openPage(browser.context);
    await page.goto('/reports');
    await waitForHydration(page);
    // A client-side navigation, as a link from a Markdown page would make.
    await page.evaluate(() => {
      window.history.pushState({}, '', '/reports/runs/no-such-run-20000101t000000');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect(
      page.locator('main h1').filter({ hasText: 'Run not found' }).waitFor({ timeout: 30_000 }),
    ).resolves.toBeUndefined();
    await page.close();
  });

  it('have a Markdown copy, are in kb-index.json, and llms.txt counts them without naming each', async () => {
    const id = teamRun.replace(/\.html$/, '');
    const md = await fetch(new URL(`${runUrl(teamRun)}.md`, baseURL));
    expect(md.status).toBe(200);
    const text = await md.text();
    expect(text).toContain('## Regressions');
    expect(text).not.toContain('<svg');
    const index = JSON.parse(await readFile(path.join(siteDir, 'kb-index.json'), 'utf8')) as {
      documents: { url: string; kind: string }[];
    };
    const runs = index.documents.filter((d) => d.url.startsWith('/reports/runs/'));
    expect(runs).toHaveLength(runFiles.length);
    expect(runs.find((d) => d.url === `/reports/runs/${id}`)?.kind).toBe('benchmark-report');
    const llms = await readFile(path.join(siteDir, 'llms.txt'), 'utf8');
    expect(llms).toContain(`Plus ${runFiles.length} benchmark run pages`);
    expect(llms).not.toContain(`/reports/runs/${id}.md`);
  });

  it('are found by site search by their run id: the suite’s history, which links the run', async () => {
    const id = teamRun.replace(/\.html$/, '');
    const { page, problems } = await openPage(browser.context);
    await page.goto(`/search?q=${encodeURIComponent(id)}`);
    await page.waitForFunction(
      () =>
        document.querySelector('main [role="status"]')?.getAttribute('aria-busy') === 'false' &&
        /result/.test(document.querySelector('main [role="status"]')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    const urls = await page
      .locator('ol[aria-label="Search results"] > li a')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const stored = parseRunPageHtml(await readFile(path.join(PROJECT_ROOT, 'reports/runs', teamRun), 'utf8'))!;
    const suite = stored.meta.frontMatter.suite;
    expect(urls).toContain(`/reports/${suite}-history`);
    const history = await readFile(path.join(siteDir, `reports/${suite}-history.html`), 'utf8');
    expect(history).toContain(`/reports/runs/${id}`);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
