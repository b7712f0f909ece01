// Browser tests of the production build (served by e2e/support/global-setup.ts).
// Targets are chosen from the build's content at run time, so the tests hold
// while the content changes; each failure names what was looked for.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, waitForHydration } from './support/browser.ts';
import { browserForSuite, pathnameOf as pathname } from './support/suite.ts';
import { PROJECT_ROOT } from './support/build-site.ts';
import { perfLayerOf } from './support/perf-layer.ts';
import { findMermaidPages, findWordOnOnePage, readBuiltPages, readCutVersions } from './support/site-pages.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');
const perfLayer = await perfLayerOf(siteDir);
const cutVersions = await readCutVersions(PROJECT_ROOT);
const cutVersion = cutVersions.includes('phase-1') ? 'phase-1' : cutVersions[0];
// ADRs are numbered files (adr/NNNN-slug.md); until the first is written the test says so and skips.
const hasAdrs = (await readdir(path.join(PROJECT_ROOT, 'adr')).catch(() => [] as string[])).some((f) =>
  /^\d{4}-.+\.mdx?$/.test(f),
);

const browser = browserForSuite(baseURL);

async function expectContentPage(page: Page, prefix: string): Promise<void> {
  await page
    .waitForURL((url) => url.pathname.startsWith(prefix), { timeout: 30_000 })
    .catch(() => {
      throw new Error(`expected to reach a page under ${prefix}, but the browser is on ${pathname(page)}`);
    });
  const h1 = page.locator('main h1, article h1').first();
  await h1.waitFor({ state: 'visible', timeout: 30_000 });
  const heading = (await h1.textContent())?.trim() ?? '';
  expect(heading, `page ${pathname(page)} shows the 404 page`).not.toMatch(/page not found/i);
  expect(heading.length, `page ${pathname(page)} has an empty <h1>`).toBeGreaterThan(0);
}

/** Clicks the first visible link (in any of the comma-separated scopes) whose href starts with prefix. */
async function clickLink(page: Page, scopes: string, prefix: string, what: string): Promise<void> {
  const selector = scopes
    .split(',')
    .map((scope) => `${scope.trim()} a[href^="${prefix}"]:visible`)
    .join(', ');
  const links = page.locator(selector);
  expect(
    await links.count(),
    `no visible link to ${what} (a[href^="${prefix}"] in ${scopes}) on ${pathname(page)}`,
  ).toBeGreaterThan(0);
  await links.first().click();
}

describe('home page', () => {
  it('loads with no console errors and no failed requests', async () => {
    const { page, problems } = await openPage(browser.context);
    const response = await page.goto('/', { waitUntil: 'load' });
    expect(response?.status(), 'HTTP status of /').toBe(200);
    await waitForHydration(page);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('nav.navbar').isVisible()).resolves.toBe(true);
    expect(problems.errors, 'console errors on /').toEqual([]);
    expect(problems.failedRequests, 'failed requests on /').toEqual([]);
    await page.close();
  });
});

describe('navigation by clicking', () => {
  it('reaches a plan page from the home page through the Handbook', async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto('/');
    await waitForHydration(page);
    await clickLink(page, 'nav.navbar', '/docs', 'the handbook (navbar)');
    await expectContentPage(page, '/docs');
    await clickLink(page, '.theme-doc-sidebar-container, main', '/docs/plan', 'a plan page');
    await expectContentPage(page, '/docs/plan');
    expect(problems.errors, `console errors while navigating to ${pathname(page)}`).toEqual([]);
    await page.close();
  });

  it.skipIf(!hasAdrs)(`reaches an ADR through Decisions${hasAdrs ? '' : ' (no adr/NNNN-*.md yet)'}`, async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto('/');
    await waitForHydration(page);
    await clickLink(page, 'nav.navbar', '/adr', 'the decisions (navbar)');
    await expectContentPage(page, '/adr');
    await clickLink(page, '.theme-doc-sidebar-container, main', '/adr/', 'an ADR (e.g. /adr/0001-…)');
    await expectContentPage(page, '/adr/');
    expect(problems.errors, `console errors while navigating to ${pathname(page)}`).toEqual([]);
    await page.close();
  });

  it('reaches a runbook through Runbooks', async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto('/');
    await waitForHydration(page);
    await clickLink(page, 'nav.navbar', '/runbooks', 'the runbooks (navbar)');
    await expectContentPage(page, '/runbooks');
    await clickLink(page, '.theme-doc-sidebar-container, main', '/runbooks/', 'a runbook');
    await expectContentPage(page, '/runbooks/');
    expect(problems.errors, `console errors while navigating to ${pathname(page)}`).toEqual([]);
    await page.close();
  });
});

describe('search', () => {
  it('finds a word that occurs on one page from the navbar search box, loading nothing before', async () => {
    const target = findWordOnOnePage(await readBuiltPages(siteDir), cutVersions);
    expect(target, 'no word (7+ letters) occurs on exactly one doc or report page of the build').toBeDefined();
    const { word, page: expected } = target!;
    const { page } = await openPage(browser.context);
    const indexRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/pagefind/')) indexRequests.push(new URL(request.url()).pathname);
    });
    await page.goto('/');
    await waitForHydration(page);
    await page.waitForLoadState('networkidle');
    expect(indexRequests, 'search code or index fetched before the search box was used').toEqual([]);
    const input = page.locator('input.navbar__search-input');
    await input.click();
    await input.pressSequentially(word, { delay: 20 });
    const options = page.locator('[role="option"]');
    await options
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 })
      .catch(() => {
        throw new Error(`searching "${word}" (only on ${expected.url}) showed no suggestions`);
      });
    const texts = await options.allInnerTexts();
    const index = texts.findIndex((t) => t.includes(expected.title));
    expect(
      index,
      `suggestions for "${word}" do not name "${expected.title}" (${expected.url}): ${JSON.stringify(texts)}`,
    ).toBeGreaterThanOrEqual(0);
    await options.nth(index).click();
    await page
      .waitForURL((url) => url.pathname === expected.url, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`choosing the suggestion for "${word}" led to ${pathname(page)}, expected ${expected.url}`);
      });
    await page.close();
  });
});

describe('versions', () => {
  it.skipIf(!cutVersion)(
    `the version dropdown switches to the cut version (${cutVersion ?? 'none cut yet: versions.json is absent'}) and back`,
    async () => {
      const version = cutVersion!;
      const { page, problems } = await openPage(browser.context);
      await page.goto('/docs');
      await waitForHydration(page);
      // The dropdown opens on hover; its menu lists the versions of the handbook.
      const cutLink = `.dropdown__menu a[href^="/docs/${version}"]`;
      const currentLink = `.dropdown__menu a[href^="/docs"]:not([href^="/docs/${version}"])`;
      const dropdown = page.locator('nav.navbar .dropdown', { has: page.locator(cutLink) }).first();
      expect(await dropdown.count(), `no navbar dropdown links to /docs/${version}`).toBeGreaterThan(0);
      await dropdown.hover();
      await dropdown.locator(cutLink).first().click();
      await expectContentPage(page, `/docs/${version}`);

      const back = page.locator('nav.navbar .dropdown', { has: page.locator(currentLink) }).first();
      await back.hover();
      await back.locator(currentLink).first().click();
      await page.waitForURL((url) => url.pathname.startsWith('/docs') && !url.pathname.startsWith(`/docs/${version}`), {
        timeout: 30_000,
      });
      await expectContentPage(page, '/docs');
      expect(problems.errors, 'console errors while switching versions').toEqual([]);
      await page.close();
    },
  );
});

describe('Mermaid', () => {
  it('renders a diagram as SVG', async () => {
    const candidates = await findMermaidPages(PROJECT_ROOT, siteDir);
    expect(candidates, 'no built doc page comes from Markdown with a ```mermaid block').not.toEqual([]);
    const url = candidates[0]!;
    const { page, problems } = await openPage(browser.context);
    await page.goto(url);
    await waitForHydration(page);
    // Diagrams are drawn when they come near the viewport (src/plugins/perf/theme/Mermaid; at once with KB_PERF=0).
    await page.locator('.kb-mermaid-slot, .docusaurus-mermaid-container').first().scrollIntoViewIfNeeded();
    const svg = page.locator('.docusaurus-mermaid-container svg').first();
    await svg.waitFor({ state: 'visible', timeout: 30_000 }).catch(() => {
      throw new Error(`no rendered Mermaid SVG (.docusaurus-mermaid-container svg) on ${url}`);
    });
    const shape = await svg.evaluate((el) => ({
      children: el.querySelectorAll('g, path, rect, text').length,
      width: el.getBoundingClientRect().width,
      text: el.textContent ?? '',
    }));
    expect(shape.children, `the Mermaid SVG on ${url} is empty`).toBeGreaterThan(0);
    expect(shape.width, `the Mermaid SVG on ${url} has no width`).toBeGreaterThan(0);
    expect(shape.text, `Mermaid reported an error on ${url}`).not.toMatch(/syntax error/i);
    expect(problems.errors, `console errors on ${url}`).toEqual([]);
    await page.close();
  });

  // What the perf layer does (src/plugins/perf/theme/Mermaid): not in a KB_PERF=0 build.
  it.skipIf(!perfLayer.on)('loads Mermaid only when a diagram comes near the viewport', async () => {
    const url = '/docs/guides/recording-a-decision';
    const { page, problems } = await openPage(browser.context);
    await page.setViewportSize({ width: 1280, height: 400 });
    // Mermaid's own code, told by what it contains (its diagram registry's "flowchart-v2"): chunk file names are
    // numbers unless chunk ids are names (src/plugins/perf/named-chunks.ts, large sites only).
    const mermaidScripts: string[] = [];
    const bodies: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      bodies.push(
        response.text().then(
          (text) => void (text.includes('"flowchart-v2"') && mermaidScripts.push(response.url())),
          () => undefined,
        ),
      );
    });
    await page.goto(url);
    await waitForHydration(page);
    await page.waitForLoadState('networkidle');
    await Promise.all(bodies);
    const slot = page.locator('.kb-mermaid-slot').first();
    const top = await slot.evaluate((el) => el.getBoundingClientRect().top);
    expect(top, `the diagram on ${url} is no longer two screens down: pick another page for this test`).toBeGreaterThan(
      2 * 400,
    );
    expect(mermaidScripts, 'Mermaid scripts loaded for a diagram two screens down').toEqual([]);
    expect(await page.locator('.docusaurus-mermaid-container svg').count()).toBe(0);

    await slot.scrollIntoViewIfNeeded();
    await page.locator('.docusaurus-mermaid-container svg').first().waitFor({ state: 'visible', timeout: 30_000 });
    await Promise.all(bodies);
    expect(mermaidScripts.length, 'Mermaid scripts after scrolling to the diagram').toBeGreaterThan(0);
    expect(problems.errors, `console errors on ${url}`).toEqual([]);
    await page.close();
  });
});
