// Route shards (src/plugins/perf/route-shards.cjs): a doc's leaf route, chunk
// names and registry entries are not in main.js but in a shard loaded for the
// page being shown. Client-side navigation to a page of another shard must
// load that shard and render the page without a full reload, and back.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, waitForHydration } from './support/browser.ts';
import { browserForSuite, pathnameOf as pathname } from './support/suite.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');

/**
 * The script (other than main.js) of the build holding a route's object: `path:"…",get component()`
 * once minified (lazy-routes-loader.cjs). The sidebar and global data name
 * the path too, but not in that form.
 */
async function scriptsWithRoutes(): Promise<Map<string, string>> {
  const dir = path.join(siteDir, 'assets/js');
  const texts = await Promise.all(
    (await readdir(dir)).filter((f) => f.endsWith('.js')).map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as const),
  );
  const where = new Map<string, string>();
  // main.js holds containers, whose paths are those of index docs (/docs → /docs → /docs): skip it.
  for (const [file, text] of texts) {
    if (file.startsWith('main.')) continue;
    for (const m of text.matchAll(/path:"([^"]+)",get component\(\)/g)) where.set(m[1]!, file);
  }
  return where;
}

const browser = browserForSuite(baseURL);


async function heading(page: Page): Promise<string> {
  const h1 = page.locator('article h1').first();
  await h1.waitFor({ state: 'visible', timeout: 30_000 });
  return (await h1.textContent())?.trim() ?? '';
}

describe('route shards', () => {
  it('navigates client-side from a doc to a doc of another shard and back, without a reload or errors', async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto('/docs', { waitUntil: 'load' });
    await waitForHydration(page);
    const start = pathname(page);
    const startHeading = await heading(page);

    // A sidebar doc whose route is in another script than the page's own (another shard).
    const where = await scriptsWithRoutes();
    const own = where.get(start);
    expect(own, `no shard of the build holds the route of ${start}`).toBeDefined();
    const hrefs = await page.locator('nav.menu a.menu__link[href^="/docs/"]').evaluateAll((links) =>
      links.map((a) => a.getAttribute('href')!).filter((href) => !href.includes('#')),
    );
    const target = hrefs.find((href) => href !== start && where.has(href) && where.get(href) !== own);
    expect(target, `every sidebar doc of ${start} is in its shard: no other shard to navigate to`).toBeDefined();

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
