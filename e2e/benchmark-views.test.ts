// The build-time benchmark views (src/plugins/benchmark-views): a suite's
// history page and a scale-test page, opened in the browser from the build.
// Targets are picked from the build's content, so the test holds as runs are added.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openPage, waitForHydration } from './support/browser.ts';
import { browserForSuite } from './support/suite.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');
const browser = browserForSuite(baseURL);

const reports = await readdir(path.join(siteDir, 'reports'));
/** A history page whose chart has linked points (a suite with two comparable runs or more). */
const historyWithChart = (
  await Promise.all(
    reports
      .filter((f) => f.endsWith('-history.html'))
      .map(async (f) =>
        (await readFile(path.join(siteDir, 'reports', f), 'utf8')).includes('kb-chart-point') ? f : '',
      ),
  )
).find(Boolean);
const scalePage = reports.find((f) => f.endsWith('-scale-test.html'));

async function status(url: string): Promise<number> {
  return (await fetch(new URL(url, baseURL))).status;
}

describe('benchmark views', () => {
  it.skipIf(!historyWithChart)('a suite history page shows its trend; a chart point opens its run', async () => {
    const url = `/reports/${historyWithChart!.replace(/\.html$/, '')}`;
    const { page, problems } = await openPage(browser.context);
    expect((await page.goto(url, { waitUntil: 'load' }))?.status(), `HTTP status of ${url}`).toBe(200);
    await waitForHydration(page);
    await expect(page.locator('main h1').textContent()).resolves.toMatch(/benchmark history/);
    const chart = page.locator('main svg.kb-chart').first();
    await expect(chart.isVisible()).resolves.toBe(true);
    const points = page.locator('main svg.kb-chart a.kb-chart-point');
    expect(await points.count(), `linked chart points on ${url}`).toBeGreaterThan(1);
    // Every run the chart links to is a built page.
    const hrefs = new Set(await points.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')));
    for (const href of hrefs) expect(await status(href), `HTTP status of ${href}`).toBe(200);
    const first = [...hrefs][0]!;
    // Series of one chart can share a point (wall and CPU time of one run): click the circle drawn last, on top.
    await page.locator(`main svg.kb-chart a.kb-chart-point[href="${first}"] circle`).last().click();
    await page.waitForURL((u) => u.pathname === first, { timeout: 30_000 });
    await page.locator('article h1, main h1').first().waitFor({ state: 'visible', timeout: 30_000 });
    await expect(page.locator('article h1, main h1').first().textContent()).resolves.not.toMatch(/not found/i);
    expect(problems.errors, `console errors on ${url}`).toEqual([]);
    expect(problems.failedRequests, `failed requests on ${url}`).toEqual([]);
    await page.close();
  });

  it.skipIf(!historyWithChart)(
    'a suite history reached from another page shows its body, fetched from its built page',
    async () => {
      const url = `/reports/${historyWithChart!.replace(/\.html$/, '')}`;
      // The built page holds the body; its route data holds a placeholder (src/plugins/benchmark-views/types.ts).
      const built = await readFile(path.join(siteDir, 'reports', historyWithChart!), 'utf8');
      expect(built).not.toContain('@@KB_VIEW');
      const { page, problems } = await openPage(browser.context);
      await page.goto('/reports/benchmarks', { waitUntil: 'load' });
      await waitForHydration(page);
      await page.locator(`main a[href="${url}"]`).first().click();
      await page.waitForURL((u) => u.pathname === url, { timeout: 30_000 });
      await page.locator('main svg.kb-chart').first().waitFor({ state: 'visible', timeout: 30_000 });
      await expect(page.locator('main h1').textContent()).resolves.toMatch(/benchmark history/);
      expect(await page.locator('main svg.kb-chart a.kb-chart-point').count()).toBeGreaterThan(1);
      await expect(page.locator('main').textContent()).resolves.not.toContain('@@KB_VIEW');
      expect(problems.errors, `console errors on ${url}`).toEqual([]);
      await page.close();
    },
  );

  it.skipIf(!scalePage)('a scale-test page draws its charts and links every run of the series', async () => {
    const url = `/reports/${scalePage!.replace(/\.html$/, '')}`;
    const { page, problems } = await openPage(browser.context);
    expect((await page.goto(url, { waitUntil: 'load' }))?.status(), `HTTP status of ${url}`).toBe(200);
    await waitForHydration(page);
    await expect(page.locator('main h1').textContent()).resolves.toMatch(/scale test/);
    expect(await page.locator('main svg.kb-chart').count(), `charts on ${url}`).toBeGreaterThanOrEqual(3);
    const box = await page.locator('main svg.kb-chart').first().boundingBox();
    expect(box?.width ?? 0, 'the first chart is drawn with a width').toBeGreaterThan(200);
    const runLinks = await page
      .locator('main table a[href^="/reports/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(runLinks.length, `run links on ${url}`).toBeGreaterThanOrEqual(2);
    for (const href of runLinks) expect(await status(href), `HTTP status of ${href}`).toBe(200);
    expect(problems.errors, `console errors on ${url}`).toEqual([]);
    await page.close();
    // AI readers get the same page as Markdown.
    const mirror = await fetch(new URL(`${url}.md`, baseURL));
    expect(mirror.status, `HTTP status of ${url}.md`).toBe(200);
    expect(await mirror.text()).toMatch(/Breaking points/);
  });

  it('the SLO scorecard keeps its URL and is listed in kb-index.json', async () => {
    expect(await status('/docs/slos/scorecard')).toBe(200);
    const index = (await (await fetch(new URL('/kb-index.json', baseURL))).json()) as {
      documents: { url: string; kind: string }[];
    };
    const urls = index.documents.map((d) => d.url);
    expect(urls).toContain('/docs/slos/scorecard');
    expect(urls).toContain('/reports/benchmarks');
    expect(index.documents.some((d) => d.kind === 'benchmark-history')).toBe(true);
  });
});
