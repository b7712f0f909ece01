// Browser tests of the /search page (Pagefind, src/pages/search.tsx). Queries
// are chosen from the build's content at run time, like site.test.ts does.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, waitForHydration } from './support/browser.ts';
import { browserForSuite } from './support/suite.ts';
import { PROJECT_ROOT } from './support/build-site.ts';
import {
  findWordOnOnePage,
  isVersionedCopy,
  readBuiltPages,
  readCutVersions,
  type BuiltPage,
} from './support/site-pages.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');
const cutVersions = await readCutVersions(PROJECT_ROOT);
const pages = await readBuiltPages(siteDir);

const SECTION_OF: Record<string, string> = { docs: 'Docs', runbooks: 'Runbooks', adr: 'ADRs', reports: 'Reports' };
const sectionOf = (page: BuiltPage) => (page.type === 'other' ? undefined : SECTION_OF[page.url.split('/')[1] ?? '']);
const wordsOf = (page: BuiltPage) => new Set(`${page.title} ${page.text}`.toLowerCase().match(/\b[a-z]{7,}\b/g) ?? []);

/** A word on current pages of at least two sections, with the sections it is on. */
function wordInSeveralSections(): { word: string; sections: Set<string> } | undefined {
  const sectionsOf = new Map<string, Set<string>>();
  for (const page of pages.filter((p) => !isVersionedCopy(p.url, cutVersions))) {
    const section = sectionOf(page);
    if (!section) continue;
    for (const word of wordsOf(page)) sectionsOf.set(word, (sectionsOf.get(word) ?? new Set()).add(section));
  }
  const [word, sections] =
    [...sectionsOf]
      .filter(([, s]) => s.size >= 2)
      .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))[0] ?? [];
  return word && sections ? { word, sections } : undefined;
}

/** A word on a page of a cut version (so its current copy likely has it too). */
function wordOnCutVersionPage(): { word: string; version: string } | undefined {
  for (const page of pages) {
    const version = cutVersions.find((v) => page.url.split('/').includes(v));
    if (!version || page.type !== 'doc') continue;
    const word = [...wordsOf(page)].sort()[0];
    if (word) return { word, version };
  }
  return undefined;
}

const browser = browserForSuite(baseURL);

/** Result rows of the /search page once a search has finished: URL path and section of each. */
async function results(page: Page, what: string): Promise<{ url: string; section: string }[]> {
  const status = page.locator('main [role="status"]');
  await page
    .waitForFunction(
      () =>
        document.querySelector('main [role="status"]')?.getAttribute('aria-busy') === 'false' &&
        /result/.test(document.querySelector('main [role="status"]')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    )
    .catch(async () => {
      throw new Error(`${what}: the search page never finished (status: "${await status.textContent()}")`);
    });
  return page.locator('ol[aria-label="Search results"] > li[data-section]').evaluateAll((items) =>
    items.map((li) => ({
      url: new URL(li.querySelector('a')!.href).pathname,
      section: li.getAttribute('data-section') ?? '',
    })),
  );
}

describe('search page', () => {
  it('shows the page a query is about, reading ?q= from the URL', async () => {
    const target = findWordOnOnePage(pages, cutVersions);
    expect(target, 'no word (7+ letters) occurs on exactly one doc or report page of the build').toBeDefined();
    const { word, page: expected } = target!;
    const { page, problems } = await openPage(browser.context);
    await page.goto(`/search?q=${word}`);
    const found = await results(page, `searching "${word}"`);
    expect(
      found.map((r) => r.url),
      `results for "${word}" (only on ${expected.url})`,
    ).toContain(expected.url);
    await expect(page.locator('ol[aria-label="Search results"] mark').first().textContent()).resolves.toMatch(
      new RegExp(word, 'i'),
    );
    expect(problems.errors, 'console errors on /search').toEqual([]);
    await page.close();
  });

  it('filters by section, and the URL follows the query and the filter', async () => {
    const target = wordInSeveralSections();
    expect(target, 'no word occurs in two sections of the build').toBeDefined();
    const { word, sections } = target!;
    const section = [...sections].sort()[0]!;
    const { page } = await openPage(browser.context);
    await page.goto('/search');
    await waitForHydration(page);
    await page.locator('main input[type="search"]').pressSequentially(word, { delay: 20 });
    await results(page, `searching "${word}"`);
    // Each section button counts its results: the word is on pages of several sections.
    const counts = await page
      .locator('main [role="group"] button')
      .evaluateAll((buttons) =>
        Object.fromEntries(
          buttons.map((b) => [b.firstChild?.textContent ?? '', Number(b.querySelector('span')?.textContent || 0)]),
        ),
      );
    const withResults = Object.entries(counts).filter(([name, n]) => name !== 'All' && n > 0);
    expect(
      withResults.length,
      `"${word}" is on ${[...sections].join(', ')} pages; section counts: ${JSON.stringify(counts)}`,
    ).toBeGreaterThan(1);
    await page.waitForURL((url) => url.searchParams.get('q') === word, { timeout: 10_000 });

    await page.locator('main [role="group"] button', { hasText: section }).click();
    await page.waitForURL((url) => url.searchParams.get('section') === section, { timeout: 10_000 });
    await page.waitForFunction(
      (s) =>
        Array.from(document.querySelectorAll('ol[aria-label="Search results"] > li[data-section]')).every(
          (li) => li.getAttribute('data-section') === s,
        ),
      section,
      { timeout: 30_000 },
    );
    const filtered = await results(page, `searching "${word}" in ${section}`);
    expect(filtered.length, `no ${section} results for "${word}"`).toBeGreaterThan(0);
    expect(
      filtered.every((r) => r.section === section),
      `results outside ${section}: ${JSON.stringify(filtered)}`,
    ).toBe(true);
    await page.close();
  });

  it.skipIf(cutVersions.length === 0)('leaves older versions out unless asked for', async () => {
    const target = wordOnCutVersionPage();
    expect(target, 'no word on any page of a cut version').toBeDefined();
    const { word, version } = target!;
    const isOld = (url: string) => isVersionedCopy(url, cutVersions);
    const { page } = await openPage(browser.context);
    await page.goto(`/search?q=${word}`);
    const current = await results(page, `searching "${word}"`);
    expect(
      current.filter((r) => isOld(r.url)),
      `results of cut versions shown by default for "${word}"`,
    ).toEqual([]);

    await page.locator('main select').selectOption(version);
    await page.waitForURL((url) => url.searchParams.get('version') === version, { timeout: 10_000 });
    const old = await results(page, `searching "${word}" in ${version}`);
    expect(
      old.some((r) => r.url.split('/').includes(version)),
      `no ${version} page in the results for "${word}" with version ${version}: ${JSON.stringify(old)}`,
    ).toBe(true);
    await page.close();
  });
});

describe('search box keyboard', () => {
  it('Ctrl+K focuses the box, arrows pick a suggestion, Enter opens it, Esc closes the list', async () => {
    const target = wordInSeveralSections();
    expect(target, 'no word occurs in two sections of the build').toBeDefined();
    const { page } = await openPage(browser.context);
    await page.goto('/');
    await waitForHydration(page);
    await page.keyboard.press('Control+k');
    const input = page.locator('input.navbar__search-input');
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type(target!.word, { delay: 20 });
    const options = page.locator('[role="option"]');
    await options.nth(1).waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(1).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(input.getAttribute('aria-activedescendant')).resolves.toBe(await options.nth(1).getAttribute('id'));
    await page.keyboard.press('Escape');
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.keyboard.press('ArrowDown');
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('true');
    const href = await options.nth(2).locator('a').getAttribute('href');
    await page.keyboard.press('Enter');
    await page
      .waitForURL((url) => url.pathname === href, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`Enter on the selected suggestion (${href}) led to ${new URL(page.url()).pathname}`);
      });
    await page.close();
  });
});
