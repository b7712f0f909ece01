// Route shards (src/plugins/perf/route-shards.cjs): a doc's leaf route, chunk
// names and registry entries are not in main.js but in a shard loaded for the
// page being shown. Client-side navigation to a page of another shard must
// load that shard and render the page without a full reload, and back.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, openPage, type LaunchedBrowser } from './support/browser.ts';

const baseURL = inject('baseURL');

let browser: LaunchedBrowser;

beforeAll(async () => {
  browser = await launchBrowser({ baseURL });
});
afterAll(async () => {
  await browser?.close();
});

const pathname = (page: Page) => new URL(page.url()).pathname;

async function heading(page: Page): Promise<string> {
  const h1 = page.locator('article h1').first();
  await h1.waitFor({ state: 'visible', timeout: 30_000 });
  return (await h1.textContent())?.trim() ?? '';
}

describe('route shards', () => {
  it('navigates client-side from a doc to a doc of another shard and back, without a reload or errors', async () => {
    const { page, problems } = await openPage(browser.context);
    // Every script the first load fetched (main, runtime, the page's shard and chunks), until hydration.
    const firstLoad: Promise<string>[] = [];
    let loading = true;
    page.on('response', (response) => {
      if (loading && response.request().resourceType() === 'script') firstLoad.push(response.text().catch(() => ''));
    });
    await page.goto('/docs', { waitUntil: 'load' });
    await page.waitForSelector('html[data-has-hydrated="true"]', { state: 'attached', timeout: 30_000 });
    loading = false;
    const scripts = (await Promise.all(firstLoad)).join('\n');
    const start = pathname(page);
    const startHeading = await heading(page);

    // A sidebar doc whose route the first load did not ship. A route object is
    // `path:"…",get component()` once minified (lazy-routes-loader.cjs); the
    // sidebar and global data name the path too, but not in that form.
    const shipsRoute = (href: string) => scripts.includes(`path:"${href}",get component()`);
    const hrefs = await page.locator('nav.menu a.menu__link[href^="/docs/"]').evaluateAll((links) =>
      links.map((a) => a.getAttribute('href')!).filter((href) => !href.includes('#')),
    );
    expect(shipsRoute(start), `the route of ${start} is not in the first-load scripts`).toBe(true);
    const target = hrefs.find((href) => href !== start && !shipsRoute(href));
    expect(target, `every sidebar doc of ${start} is in the first-load scripts: no other shard to navigate to`).toBeDefined();

    await page.evaluate(() => ((window as unknown as { kbNoReload: boolean }).kbNoReload = true));
    await page.locator(`nav.menu a.menu__link[href="${target}"]`).first().click();
    await page.waitForURL((url) => url.pathname === target, { timeout: 30_000 });
    const targetHeading = await heading(page);
    await expect.poll(() => heading(page)).not.toBe(startHeading);
    expect(targetHeading).not.toMatch(/page not found/i);

    await page.goBack();
    await page.waitForURL((url) => url.pathname === start, { timeout: 30_000 });
    await expect.poll(() => heading(page)).toBe(startHeading);
    await page.goForward();
    await page.waitForURL((url) => url.pathname === target, { timeout: 30_000 });
    await expect.poll(() => heading(page)).toBe(targetHeading);

    // And back through a link rather than history.
    const back = page.locator(`nav.menu a.menu__link[href="${start}"], a.navbar__link[href="${start}"]`).first();
    if ((await back.count()) > 0) {
      await back.click();
      await page.waitForURL((url) => url.pathname === start, { timeout: 30_000 });
      await expect.poll(() => heading(page)).toBe(startHeading);
    }

    expect(await page.evaluate(() => (window as unknown as { kbNoReload?: boolean }).kbNoReload), 'the page reloaded').toBe(true);
    expect(problems.errors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await page.close();
  });
});
