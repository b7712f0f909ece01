// The site built as parts (src/plugins/parts, deploy/parts.ts) and merged, as
// nginx serves it with deploy/nginx.conf: the same files as the whole build,
// links across parts that load the other part's page (never the client
// router's "Page Not Found"), links inside a part that stay client-side, and
// one search over every part's index.
import { readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startNginx } from '../deploy/nginx.ts';
import { type LaunchedBrowser, launchBrowser, openPage, waitForHydration } from './support/browser.ts';
import { buildSiteCopy, PROJECT_ROOT } from './support/build-site.ts';
import { findWordOnOnePage, isVersionedCopy, readBuiltPages, readCutVersions } from './support/site-pages.ts';
import { pathnameOf } from './support/suite.ts';

const wholeDir = inject('siteDir');
const cutVersions = await readCutVersions(PROJECT_ROOT);
const work = await mkdtemp(path.join(tmpdir(), 'kb-e2e-parts-'));
const mergedDir = path.join(work, 'site');
let server: Awaited<ReturnType<typeof startNginx>> | undefined;
let launched: LaunchedBrowser | undefined;
const served = { url: '' };
const browser = {
  get context() {
    return launched!.context;
  },
};

beforeAll(async () => {
  await buildSiteCopy(mergedDir, path.join(work, 'build.log'), ['--parts']);
  server = await startNginx({ root: mergedDir });
  served.url = server.url;
  launched = await launchBrowser({ baseURL: server.url });
}, 600_000);
afterAll(async () => {
  await launched?.close();
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

async function filesOf(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((f) => !/^(assets|pagefind)\//.test(f))
    .sort();
}

/** Marks the page's JavaScript world: a full page load starts a new one, a client-side navigation keeps it. */
const mark = (page: Page) => page.evaluate(() => Object.assign(window, { kbSameDocument: true }));
const sameDocument = (page: Page) => page.evaluate(() => 'kbSameDocument' in window);

describe('the site built as parts and merged', () => {
  it('has the same pages and files as the whole build (hashed assets and search index aside)', async () => {
    expect(await filesOf(mergedDir)).toEqual(await filesOf(wholeDir));
  });

  it('follows a link into another part with a page load, and a link inside a part client-side', async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto(`${served.url}/docs`);
    await waitForHydration(page);
    await mark(page);
    await page.locator('nav.navbar a', { hasText: 'Runbooks' }).first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/runbooks'), { timeout: 30_000 });
    await waitForHydration(page);
    expect(await sameDocument(page), 'a link from the handbook part into the runbooks part loads the page').toBe(false);
    await expect(page.locator('h1').first().textContent()).resolves.not.toMatch(/not found/i);
    expect(await page.title()).not.toMatch(/not found/i);

    await mark(page);
    const from = pathnameOf(page);
    const inside = page.locator(`.theme-doc-sidebar-container a.menu__link[href^="/runbooks/"]:not([href="${from}"])`);
    await inside.first().click();
    await page.waitForURL((url) => url.pathname !== from, { timeout: 30_000 });
    expect(await sameDocument(page), 'a link inside the runbooks part stays client-side').toBe(true);
    await expect(page.locator('h1').first().textContent()).resolves.not.toMatch(/not found/i);
    expect(problems.errors, 'console errors').toEqual([]);
    await page.close();
  });

  it('searches every part from any part', async () => {
    const pages = (await readBuiltPages(mergedDir)).filter(
      (p) => /^\/(adr|runbooks)\//.test(p.url) && !isVersionedCopy(p.url, cutVersions),
    );
    const target = findWordOnOnePage(pages, cutVersions);
    expect(target, 'no word on exactly one ADR or runbook page').toBeDefined();
    const { page, problems } = await openPage(browser.context);
    await page.goto(`${served.url}/search?q=${target!.word}`);
    await page.waitForFunction(
      () => document.querySelector('main [role="status"]')?.getAttribute('aria-busy') === 'false',
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForSelector('ol[aria-label="Search results"] > li[data-section]', { timeout: 30_000 });
    const found = await page
      .locator('ol[aria-label="Search results"] > li[data-section] a')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(found, `results for "${target!.word}" from the home part's /search`).toContain(target!.page.url);
    expect(problems.errors, 'console errors on /search').toEqual([]);
    await page.close();
  });
});
