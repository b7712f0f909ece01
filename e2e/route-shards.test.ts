// Route shards (src/plugins/perf/route-shards.cjs): a doc's leaf route, chunk
// names, registry entries and docs global data entries are not in main.js but
// in a shard loaded for the page being shown. Client-side navigation to a page
// of another shard must load that shard and render the page without a full
// reload, and back; the version menu must still link to the same doc in the
// other version.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, waitForHydration } from './support/browser.ts';
import { browserForSuite, pathnameOf as pathname } from './support/suite.ts';
import { PROJECT_ROOT } from './support/build-site.ts';
import { perfLayerOf } from './support/perf-layer.ts';
import { readCutVersions } from './support/site-pages.ts';

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
    (await readdir(dir))
      .filter((f) => f.endsWith('.js'))
      .map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as const),
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
const cutVersions = await readCutVersions(PROJECT_ROOT);
const cutVersion = cutVersions.includes('phase-1') ? 'phase-1' : cutVersions[0];
// Without the perf layer (KB_PERF=0), or below its route threshold, the build has no shards to test.
const { shards } = await perfLayerOf(siteDir);

async function heading(page: Page): Promise<string> {
  const h1 = page.locator('article h1').first();
  await h1.waitFor({ state: 'visible', timeout: 30_000 });
  return (await h1.textContent())?.trim() ?? '';
}

describe.skipIf(!shards)(
  `route shards${shards ? '' : ' (none in this build: KB_PERF=0 or fewer routes than SHARD_MIN_ROUTES)'}`,
  () => {
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
      const hrefs = await page
        .locator('nav.menu a.menu__link[href^="/docs/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')!).filter((href) => !href.includes('#')));
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

      expect(
        await page.evaluate(() => (window as unknown as { kbNoReload?: boolean }).kbNoReload),
        'the page reloaded',
      ).toBe(true);
      expect(problems.errors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
      await page.close();
    });

    it.skipIf(!cutVersion)(
      `links the version banner and menu to the same doc in the current version, after a navigation in ${cutVersion ?? 'a cut version'}`,
      async () => {
        const version = cutVersion!;
        const inCurrent = (p: string) => p.replace(`/docs/${version}/`, '/docs/');
        const where = await scriptsWithRoutes();
        // Docs of the cut version that also exist in the current one; both pages are leaves, so each is in a shard.
        const both = [...where.keys()].filter((p) => p.startsWith(`/docs/${version}/`) && where.has(inCurrent(p)));
        const menuLinks = (page: Page) =>
          page.locator('nav.navbar .dropdown__menu a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
        const banner = (page: Page) => page.locator('.theme-doc-version-banner a').first().getAttribute('href');

        // From one doc to another in its sidebar, such that the target's current-version entry is in a shard
        // nothing has merged yet (not the start's, not the target's, not the start's current-version one).
        const { page, problems } = await openPage(browser.context);
        let start: string | undefined;
        let target: string | undefined;
        for (const candidate of both) {
          await page.goto(candidate, { waitUntil: 'load' });
          await waitForHydration(page);
          const merged = new Set([candidate, inCurrent(candidate)].map((p) => where.get(p)));
          const hrefs = await page
            .locator('nav.menu a.menu__link[href^="/docs/"]')
            .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
          target = hrefs.find(
            (href) =>
              both.includes(href) &&
              !merged.has(where.get(href)) &&
              !merged.has(where.get(inCurrent(href))) &&
              where.get(href) !== where.get(inCurrent(href)),
          );
          if (target) {
            start = candidate;
            break;
          }
        }
        expect(
          start,
          `no ${version} doc links in its sidebar to one whose current-version page is in another shard (${both.length} docs in both)`,
        ).toBeDefined();
        expect(await banner(page)).toBe(inCurrent(start!));

        await page.locator(`nav.menu a.menu__link[href="${target}"]`).first().click();
        await page.waitForURL((url) => url.pathname === target, { timeout: 30_000 });
        await expect.poll(() => banner(page)).toBe(inCurrent(target!));
        expect(await menuLinks(page)).toContain(inCurrent(target!));
        expect(problems.errors).toEqual([]);
        await page.close();
      },
    );
  },
);
