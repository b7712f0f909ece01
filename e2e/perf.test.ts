// Browser tests of what src/plugins/perf and src/plugins/code-highlight change
// in the client: code is highlighted at build time (no Prism in the browser),
// viewport prefetching runs in idle time, route components are created on
// first use. Each keeps a feature
// working while it moves work off the page load.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import { themes, type PrismTheme } from 'prism-react-renderer';
import { openPage, waitForHydration } from './support/browser.ts';
import { browserForSuite } from './support/suite.ts';
import { PROJECT_ROOT } from './support/build-site.ts';
import { perfLayerOf } from './support/perf-layer.ts';
import { readCutVersions, urlOfHtmlFile } from './support/site-pages.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');

const browser = browserForSuite(baseURL);
// KB_PERF=0 builds the stock client: the tests of what only the layer does are skipped, the rest must pass as they are.
const layer = await perfLayerOf(siteDir);
const onlyLayer = layer.on ? '' : ' (perf layer off: KB_PERF=0)';

/** A current runbook whose server-rendered HTML has a highlighted bash block (bash is one of prism.additionalLanguages). */
async function runbookWithBash(): Promise<string | undefined> {
  const dir = path.join(siteDir, 'runbooks');
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.html')).sort()) {
    const html = await readFile(path.join(dir, name), 'utf8');
    if (/class="prism-code language-bash/.test(html) && /class="token (function|builtin)/.test(html))
      return urlOfHtmlFile(siteDir, path.join(dir, name));
  }
  return undefined;
}

/** Kinds of Prism tokens inside the first bash block of the page. */
const bashTokenKinds = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('pre.language-bash .token'), (t) => t.className).filter(
      (c) => c !== 'token plain',
    ),
  );

/** Prism's grammars register themselves with `languages.insertBefore(` (bash, yaml, …). */
const PRISM_GRAMMAR = /languages\.insertBefore\(/;

/** The page's scripts (as loaded by the browser, until idle) that evaluate Prism grammars. */
async function prismScriptsOn(page: Page, url: string): Promise<string[]> {
  const bodies: Promise<string | undefined>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      bodies.push(
        response.text().then(
          (t) => (PRISM_GRAMMAR.test(t) ? response.url() : undefined),
          () => undefined,
        ),
      );
  });
  await page.goto(url);
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  return (await Promise.all(bodies)).filter((u): u is string => u !== undefined);
}

/**
 * Init script: counts the nodes taken out of the page, from the first byte on,
 * that are or hold an element matching `selector`, or were inside one (a
 * remount, or server HTML re-rendered). Read with removedNodes().
 */
function countRemovedNodes(selector: string) {
  const state = window as unknown as { kbRemoved: number };
  state.kbRemoved = 0;
  new MutationObserver((records) => {
    for (const record of records) {
      const inside = record.target instanceof Element && record.target.closest(selector) !== null;
      for (const node of Array.from(record.removedNodes))
        if (inside || (node instanceof Element && (node.matches(selector) || node.querySelector(selector) !== null)))
          state.kbRemoved++;
    }
  }).observe(document, { childList: true, subtree: true });
}

const removedNodes = (page: Page) => page.evaluate(() => (window as unknown as { kbRemoved: number }).kbRemoved);

describe('code highlighted at build time (src/plugins/code-highlight)', () => {
  it('no script of the site carries Prism grammars, and main.js no module path strings (the latter with the perf layer)', async () => {
    const js = path.join(siteDir, 'assets/js');
    const names = await readdir(js);
    const main = names.find((n) => /^main\.[0-9a-f]+\.js$/.test(n));
    expect(main, `no main.<hash>.js in ${js}`).toBeDefined();
    const withPrism: string[] = [];
    for (const name of names.filter((n) => n.endsWith('.js')))
      if (PRISM_GRAMMAR.test(await readFile(path.join(js, name), 'utf8'))) withPrism.push(name);
    expect(withPrism, 'scripts that evaluate Prism grammars').toEqual([]);
    if (!layer.on) return; // strip-registry-loader.cjs is part of the perf layer
    const text = await readFile(path.join(js, main!), 'utf8');
    expect(text.match(/"@site\/[^"]*"/g) ?? [], 'main.js still carries registry module paths').toEqual([]);
  });

  it('highlights bash on a runbook loaded directly, without loading Prism, and after a client-side navigation to it', async () => {
    const url = await runbookWithBash();
    expect(url, 'no built runbook has a highlighted ```bash block').toBeDefined();
    const { page, problems } = await openPage(browser.context);

    expect(await prismScriptsOn(page, url!), `Prism scripts loaded on ${url}`).toEqual([]);
    expect(await bashTokenKinds(page), `bash tokens on ${url} after hydration`).toEqual(
      expect.arrayContaining([expect.stringMatching(/token (function|builtin)/)]),
    );

    await page.goto('/runbooks');
    await waitForHydration(page);
    await page.evaluate(() => ((window as unknown as { kbNoReload: boolean }).kbNoReload = true));
    await page.locator(`.theme-doc-sidebar-container a[href="${url}"]`).first().click();
    await page.waitForURL((u) => u.pathname === url, { timeout: 30_000 });
    await page.locator('pre.language-bash').first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(
      await page.evaluate(() => (window as unknown as { kbNoReload?: boolean }).kbNoReload),
      'the click reloaded the page instead of navigating client-side',
    ).toBe(true);
    expect(await bashTokenKinds(page), `bash tokens on ${url} after client-side navigation`).toEqual(
      expect.arrayContaining([expect.stringMatching(/token (function|builtin)/)]),
    );
    expect(problems.errors, 'console errors').toEqual([]);
    await page.close();
  });

  it("shows a block's title, line numbers and highlighted line, without the magic comment", async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto('/docs/guides/writing-a-runbook');
    await waitForHydration(page);
    const block = page.locator('.theme-code-block', { hasText: 'on the web host' }).last();
    const state = await block.evaluate((el) => ({
      title: el.querySelector('[class*="codeBlockTitle"]')?.textContent,
      lines: Array.from(el.querySelectorAll('.token-line'), (l) => l.textContent),
      numbered: el.querySelectorAll('[class*="codeLineNumber"]').length,
      highlighted: Array.from(el.querySelectorAll('.theme-code-block-highlighted-line'), (l) => l.textContent),
      tokens: el.querySelectorAll('.token.function').length,
    }));
    expect(state).toEqual({
      title: 'on the web host',
      lines: ['cd "$KB_ROOT"', 'ln -sfn "releases/$RELEASE" current', 'readlink current'],
      numbered: 3,
      highlighted: ['ln -sfn "releases/$RELEASE" current'],
      tokens: expect.any(Number),
    });
    expect(state.tokens, 'highlighted tokens in the titled block').toBeGreaterThan(0);
    await block.locator('button[aria-label*="Copy" i]').click();
    expect(problems.errors, 'console errors').toEqual([]);
    await page.close();
  });
});

/** The CSS colour of the first style a prism-react-renderer theme gives `type`, as getComputedStyle writes it. */
function themeColour(theme: PrismTheme, type: string): string {
  const colour = theme.styles
    .filter((s) => s.types.includes(type) && !s.languages)
    .map((s) => s.style.color)
    .filter((c): c is string => c !== undefined)
    .at(-1)!;
  if (!colour.startsWith('#')) return colour.replace(/\s*,\s*/g, ', ');
  const hex = colour.length === 4 ? [...colour.slice(1)].map((c) => c + c).join('') : colour.slice(1);
  return `rgb(${[0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
}

describe('code blocks after hydration', () => {
  const blockState = (page: Page) =>
    page.evaluate(() => ({
      removed: (window as unknown as { kbRemoved: number }).kbRemoved,
      mode: document.documentElement.dataset.theme,
      background: getComputedStyle(document.querySelector('pre.prism-code')!).backgroundColor,
      functionColour: getComputedStyle(document.querySelector('pre.language-bash .token.function')!).color,
    }));

  it("keeps every server-rendered line and token in both colour modes, coloured by the mode's theme, also after a switch", async () => {
    const url = await runbookWithBash();
    expect(url, 'no built runbook has a highlighted ```bash block').toBeDefined();
    const expected = {
      light: { background: 'rgb(246, 248, 250)', functionColour: themeColour(themes.github, 'function') },
      dark: { background: 'rgb(40, 42, 54)', functionColour: themeColour(themes.dracula, 'function') },
    };
    expect(expected.light.functionColour).not.toBe(expected.dark.functionColour);
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await openPage(browser.context);
      await page.emulateMedia({ colorScheme });
      await page.addInitScript(countRemovedNodes, 'pre.prism-code');
      await page.goto(url!);
      await waitForHydration(page);
      await page.waitForLoadState('networkidle');
      expect(await blockState(page), `${colorScheme} mode after hydration`).toEqual({
        removed: 0,
        mode: colorScheme,
        ...expected[colorScheme],
      });

      // The navbar toggle switches the mode: colours follow, nothing is re-created.
      const other = colorScheme === 'light' ? 'dark' : 'light';
      // The toggle cycles system → light → dark (respectPrefersColorScheme): click until the mode is the other one.
      const toggle = page.locator('.navbar button[aria-label*="dark and light mode" i]').first();
      for (
        let clicks = 0;
        clicks < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== other;
        clicks++
      )
        await toggle.click();
      expect(await blockState(page), `after switching from ${colorScheme} to ${other}`).toEqual({
        removed: 0,
        mode: other,
        ...expected[other],
      });
      expect(problems.errors, `console errors in ${colorScheme} mode`).toEqual([]);
      await page.close();
    }
  });
});

describe('code block word wrap after hydration', () => {
  it('offers the wrap button on the code blocks that scroll on a phone, and only on those; it wraps them', async () => {
    const url = await runbookWithBash();
    expect(url, 'no built runbook has a highlighted ```bash block').toBeDefined();
    const { page, problems } = await openPage(browser.context);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(url!);
    await waitForHydration(page);
    const blocks = () =>
      page.locator('div[class*="codeBlockContainer"]').evaluateAll((containers) =>
        containers.map((c) => {
          const pre = c.querySelector('pre')!;
          return {
            scrolls: pre.scrollWidth > pre.clientWidth,
            button: c.querySelector('button[aria-label="Toggle word wrap"]') !== null,
          };
        }),
      );
    // The buttons come with the transition after hydration: wait until every block agrees with its own width.
    await expect
      .poll(async () => (await blocks()).every((b) => b.scrolls === b.button), {
        message: 'wrap buttons exactly on the scrolling blocks',
        timeout: 15_000,
      })
      .toBe(true);
    const scrolling = (await blocks()).findIndex((b) => b.scrolls);
    expect(scrolling, `no code block of ${url} scrolls at 360 px`).toBeGreaterThanOrEqual(0);

    const container = page.locator('div[class*="codeBlockContainer"]').nth(scrolling);
    await container.hover();
    await container.locator('button[aria-label="Toggle word wrap"]').click();
    await expect
      .poll(() => container.locator('pre').evaluate((pre) => pre.scrollWidth > pre.clientWidth), {
        message: 'the block still scrolls after wrapping',
      })
      .toBe(false);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});

const cutVersion = (await readCutVersions(PROJECT_ROOT))[0];

describe('state read after hydration, as transitions (theme-patches-loader.cjs)', () => {
  /** The handbook version menu's links (they lead to the same doc in each version). */
  const versionLinks = (page: Page) =>
    page
      .locator('nav.navbar .dropdown__menu a[href^="/docs"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));

  it.skipIf(!cutVersion)(
    "the version menu keeps the page's query and hash, and drops them after a navigation",
    async () => {
      const { page, problems } = await openPage(browser.context);
      await page.goto('/docs?from=e2e#top');
      await waitForHydration(page);
      await expect
        .poll(() => versionLinks(page), { message: 'version links after hydration' })
        .toContain(`/docs/${cutVersion}?from=e2e#top`);
      expect(
        (await versionLinks(page)).every((href) => href.endsWith('?from=e2e#top')),
        JSON.stringify(await versionLinks(page)),
      ).toBe(true);

      const next = page.locator('nav.menu a.menu__link[href^="/docs/"]').first();
      const href = (await next.getAttribute('href'))!;
      await next.click();
      await page.waitForURL((url) => url.pathname === href);
      await expect.poll(() => versionLinks(page), { message: `version links on ${href}` }).toContain(href);
      expect(
        (await versionLinks(page)).some((h) => h.includes('?')),
        JSON.stringify(await versionLinks(page)),
      ).toBe(false);
      expect(problems.errors, 'console errors (a hydration mismatch would be one)').toEqual([]);
      await page.close();
    },
  );

  it.skipIf(!cutVersion)(
    'the navbar leads to the docs version the reader chose before, on the next page load',
    async () => {
      const { page, problems } = await openPage(browser.context);
      // The browser's storage outlives the test: leave no preferred version to the others.
      onTestFinished(async () => {
        await page.evaluate(() => localStorage.clear()).catch(() => undefined);
        await page.close();
      });
      await page.goto('/docs');
      await waitForHydration(page);
      // Choosing a version in the menu stores it (localStorage); a page loaded afterwards reads it after hydration.
      const menu = page
        .locator('nav.navbar .dropdown', { has: page.locator(`a[href^="/docs/${cutVersion}"]`) })
        .first();
      await menu.hover();
      await menu.locator(`a[href^="/docs/${cutVersion}"]`).first().click();
      await page.waitForURL((url) => url.pathname.startsWith(`/docs/${cutVersion}`));
      await page.goto('/');
      await waitForHydration(page);
      const handbook = page.locator('nav.navbar a.navbar__link', { hasText: 'Handbook' }).first();
      await expect
        .poll(() => handbook.getAttribute('href'), { message: 'the navbar Handbook link' })
        .toMatch(new RegExp(`^/docs/${cutVersion}(/|$)`));
      expect(problems.errors).toEqual([]);
    },
  );
});

describe('deferred prefetching', () => {
  it('still prefetches the chunks of visible links, once the page is idle', async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto('/');
    await waitForHydration(page);
    await page
      .waitForFunction(() => document.querySelectorAll('link[rel="prefetch"]').length > 0, undefined, {
        timeout: 15_000,
      })
      .catch(() => {
        throw new Error('no <link rel="prefetch"> appeared on / after hydration: viewport prefetching no longer runs');
      });
    expect(problems.errors, 'console errors on /').toEqual([]);
    await page.close();
  });
});

describe.skipIf(!layer.on)(
  `doc sidebar hydrated on demand (src/plugins/perf/client/hydrate-on-demand.tsx)${onlyLayer}`,
  () => {
    const url = '/docs/plan/week-01';
    it('keeps the server HTML through hydration, and works when clicked without a hover first (a tap)', async () => {
      const { page, problems } = await openPage(browser.context);
      await page.addInitScript(countRemovedNodes, '.theme-doc-sidebar-container');
      await page.goto(url);
      await waitForHydration(page);
      await page.waitForLoadState('networkidle');
      expect(await removedNodes(page), 'sidebar nodes replaced during page load').toBe(0);
      const reactOwned = () =>
        page.evaluate(() =>
          Object.keys(document.querySelector('.theme-doc-sidebar-container a.menu__link')!).some((k) =>
            k.startsWith('__reactFiber'),
          ),
        );
      expect(await reactOwned(), 'React hydrated the sidebar before it was used').toBe(false);

      // A click event straight on a category's caret (no pointer moved over the sidebar first) still toggles it.
      const category = page.locator(
        '.theme-doc-sidebar-container li.theme-doc-sidebar-item-category:has(> div > a[href="/docs/plan/phase-2"])',
      );
      await expect.poll(() => category.getAttribute('class')).toContain('menu__list-item--collapsed');
      await category.locator('button.menu__caret').dispatchEvent('click');
      await expect
        .poll(() => category.getAttribute('class'), { timeout: 10_000 })
        .not.toContain('menu__list-item--collapsed');

      // And a link clicked the same way navigates client-side.
      await page.goto(url);
      await waitForHydration(page);
      await page.evaluate(() => ((window as unknown as { kbNoReload: boolean }).kbNoReload = true));
      await page.locator('.theme-doc-sidebar-container a[href="/docs/plan/week-02"]').first().dispatchEvent('click');
      await page.waitForURL((u) => u.pathname === '/docs/plan/week-02', { timeout: 30_000 });
      await page
        .locator('.theme-doc-sidebar-container a.menu__link--active[href="/docs/plan/week-02"]')
        .waitFor({ timeout: 30_000 });
      expect(
        await page.evaluate(() => (window as unknown as { kbNoReload?: boolean }).kbNoReload),
        'the click reloaded the page',
      ).toBe(true);
      expect(problems.errors, 'console errors').toEqual([]);
      await page.close();
    });

    it('builds the phone menu when the toggle is reached for, and fills it with the section sidebar', async () => {
      const { page, problems } = await openPage(browser.context);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(url);
      await waitForHydration(page);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.navbar-sidebar').count(), 'phone menu built before the toggle was used').toBe(0);
      await page.locator('.navbar__toggle').click();
      await page
        .locator('.navbar-sidebar a.menu__link[href="/docs/plan/week-02"]')
        .first()
        .waitFor({ state: 'visible', timeout: 10_000 });
      expect(problems.errors, 'console errors').toEqual([]);
      await page.close();
    });
  },
);

describe.skipIf(layer.on)('KB_PERF=0: the stock Docusaurus client', () => {
  it("renders pages with core's template (scripts deferred in the head) and none of the layer's client code", async () => {
    const home = await readFile(path.join(siteDir, 'index.html'), 'utf8');
    expect(home).toMatch(/<script src="?\/assets\/js\/main\.[0-9a-f]+\.js"? defer/);
    expect(home).not.toContain('first-contentful-paint');
    const js = path.join(siteDir, 'assets/js');
    const names = await readdir(js);
    const runtime = await readFile(path.join(js, names.find((n) => /^runtime~main\.[0-9a-f]+\.js$/.test(n))!), 'utf8');
    expect(runtime).not.toContain('__kbChunkHash');
    const main = await readFile(path.join(js, names.find((n) => /^main\.[0-9a-f]+\.js$/.test(n))!), 'utf8');
    // None of the layer's rewrites: route components are created as the table evaluates (no lazy getters).
    expect(main).not.toMatch(/get component\(\)|__kbChunkHash/);
    expect(main).toMatch(/"@site\/[^"]*"/);
  });
});
