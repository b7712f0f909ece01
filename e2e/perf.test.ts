// Browser tests of what src/plugins/perf changes in the client: Prism loads
// with the first code block instead of main.js, viewport prefetching runs in
// idle time, route components are created on first use. Each keeps a feature
// working while it moves work off the page load.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, waitForHydration } from './support/browser.ts';
import { browserForSuite } from './support/suite.ts';
import { urlOfHtmlFile } from './support/site-pages.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');

const browser = browserForSuite(baseURL);


/** A current runbook whose server-rendered HTML has a highlighted bash block (bash is one of prism.additionalLanguages). */
async function runbookWithBash(): Promise<string | undefined> {
  const dir = path.join(siteDir, 'runbooks');
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.html')).sort()) {
    const html = await readFile(path.join(dir, name), 'utf8');
    if (/class="prism-code language-bash/.test(html) && /class="token (function|builtin)/.test(html)) return urlOfHtmlFile(siteDir, path.join(dir, name));
  }
  return undefined;
}

/** Kinds of Prism tokens inside the first bash block of the page. */
const bashTokenKinds = (page: Page) =>
  page.evaluate(() => Array.from(document.querySelectorAll('pre.language-bash .token'), (t) => t.className).filter((c) => c !== 'token plain'));

describe('code highlighting without Prism in main.js', () => {
  it('main.js carries no Prism grammar and no module path strings', async () => {
    const js = path.join(siteDir, 'assets/js');
    const main = (await readdir(js)).find((n) => /^main\.[0-9a-f]+\.js$/.test(n));
    expect(main, `no main.<hash>.js in ${js}`).toBeDefined();
    const text = await readFile(path.join(js, main!), 'utf8');
    expect(text, 'main.js still evaluates Prism grammars (languages.insertBefore)').not.toMatch(/languages\.insertBefore\(/);
    expect(text.match(/"@site\/[^"]*"/g) ?? [], 'main.js still carries registry module paths').toEqual([]);
  });

  it('highlights bash on a runbook loaded directly and after a client-side navigation to it', async () => {
    const url = await runbookWithBash();
    expect(url, 'no built runbook has a highlighted ```bash block').toBeDefined();
    const { page, problems } = await openPage(browser.context);

    await page.goto(url!);
    await waitForHydration(page);
    expect(await bashTokenKinds(page), `bash tokens on ${url} after hydration`).toEqual(expect.arrayContaining([expect.stringMatching(/token (function|builtin)/)]));

    await page.goto('/runbooks');
    await waitForHydration(page);
    await page.evaluate(() => ((window as unknown as { kbNoReload: boolean }).kbNoReload = true));
    await page.locator(`.theme-doc-sidebar-container a[href="${url}"]`).first().click();
    await page.waitForURL((u) => u.pathname === url, { timeout: 30_000 });
    await page.locator('pre.language-bash').first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { kbNoReload?: boolean }).kbNoReload), 'the click reloaded the page instead of navigating client-side').toBe(true);
    expect(await bashTokenKinds(page), `bash tokens on ${url} after client-side navigation`).toEqual(expect.arrayContaining([expect.stringMatching(/token (function|builtin)/)]));
    expect(problems.errors, 'console errors').toEqual([]);
    await page.close();
  });
});

/** The page's scripts (as loaded by the browser, until idle) that evaluate Prism grammars. */
async function prismScriptsOn(page: Page, url: string): Promise<string[]> {
  const bodies: Promise<string | undefined>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.text().then((t) => (/languages\.insertBefore\(/.test(t) ? response.url() : undefined), () => undefined));
  });
  await page.goto(url);
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  return (await Promise.all(bodies)).filter((u): u is string => u !== undefined);
}

describe('Prism only where there is code', () => {
  it('a page without a code block loads no Prism; a runbook with one does, and hydrates', async () => {
    const adrDir = path.join(siteDir, 'adr');
    let plain: string | undefined;
    for (const name of (await readdir(adrDir)).filter((n) => n.endsWith('.html')).sort()) {
      if (!(await readFile(path.join(adrDir, name), 'utf8')).includes('prism-code')) {
        plain = urlOfHtmlFile(siteDir, path.join(adrDir, name));
        break;
      }
    }
    expect(plain, 'every built ADR page has a code block').toBeDefined();
    const withCode = await runbookWithBash();
    const first = await openPage(browser.context);
    expect(await prismScriptsOn(first.page, plain!), `Prism scripts loaded on ${plain}`).toEqual([]);
    await first.page.close();
    const second = await openPage(browser.context);
    expect((await prismScriptsOn(second.page, withCode!)).length, `no Prism script loaded on ${withCode}`).toBeGreaterThan(0);
    expect(second.problems.errors, 'console errors').toEqual([]);
    await second.page.close();
  });
});

describe('code blocks after hydration', () => {
  /** Counts code blocks taken out of the page (a remount replaces them) from the first byte on. */
  const countRemovedBlocks = () => {
    (window as unknown as { kbRemovedBlocks: number }).kbRemovedBlocks = 0;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of Array.from(record.removedNodes))
          if (node instanceof Element && (node.matches('pre.prism-code') || node.querySelector('pre.prism-code')))
            (window as unknown as { kbRemovedBlocks: number }).kbRemovedBlocks++;
    }).observe(document, { childList: true, subtree: true });
  };

  it('keeps the built blocks in light mode (no remount) and re-renders them with the dark theme in dark mode', async () => {
    const url = await runbookWithBash();
    expect(url, 'no built runbook has a highlighted ```bash block').toBeDefined();
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await openPage(browser.context);
      await page.emulateMedia({ colorScheme });
      await page.addInitScript(countRemovedBlocks);
      await page.goto(url!);
      await waitForHydration(page);
      await page.waitForLoadState('networkidle');
      const state = await page.evaluate(() => ({
        removed: (window as unknown as { kbRemovedBlocks: number }).kbRemovedBlocks,
        mode: document.documentElement.dataset.theme,
        background: getComputedStyle(document.querySelector('pre.prism-code')!).backgroundColor,
      }));
      expect(state.mode, `data-theme with prefers-color-scheme: ${colorScheme}`).toBe(colorScheme);
      if (colorScheme === 'light') {
        expect(state.removed, 'code blocks remounted after hydration in light mode').toBe(0);
        expect(state.background, 'light Prism theme (github) background').toBe('rgb(246, 248, 250)');
      } else {
        expect(state.background, 'dark Prism theme (dracula) background').toBe('rgb(40, 42, 54)');
      }
      expect(await bashTokenKinds(page), `bash tokens in ${colorScheme} mode`).toEqual(expect.arrayContaining([expect.stringMatching(/token (function|builtin)/)]));
      expect(problems.errors, `console errors in ${colorScheme} mode`).toEqual([]);
      await page.close();
    }
  });
});

describe('deferred prefetching', () => {
  it('still prefetches the chunks of visible links, once the page is idle', async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto('/');
    await waitForHydration(page);
    await page.waitForFunction(() => document.querySelectorAll('link[rel="prefetch"]').length > 0, undefined, { timeout: 15_000 }).catch(() => {
      throw new Error('no <link rel="prefetch"> appeared on / after hydration: viewport prefetching no longer runs');
    });
    expect(problems.errors, 'console errors on /').toEqual([]);
    await page.close();
  });
});
