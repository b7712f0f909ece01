// Report pages at a laptop's and a phone's width (issue 18): the verdict strip is
// in the first viewport, nothing overflows the page sideways, and a table wider
// than its column scrolls in its own box with its first column kept in view.
// Pages are picked from the build by their `kind`, one of each report kind.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, waitForHydration } from './support/browser.ts';
import { PROJECT_ROOT } from './support/build-site.ts';
import { findReportPages } from './support/site-pages.ts';
import { browserForSuite } from './support/suite.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');
const browser = browserForSuite(baseURL);
/** KB_E2E_SHOTS=<dir>: also save a full-page screenshot of each page at each width, to look at. */
const shots = process.env.KB_E2E_SHOTS;

const byKind = await findReportPages(PROJECT_ROOT, siteDir);
// A run report with the widest tables (k6, else another load tool), else the first; every other kind: its first page.
const runReports = byKind.get('benchmark-report') ?? [];
const picks: [string, string | undefined][] = [
  [
    'benchmark-report',
    runReports.find((u) => /k6/.test(u)) ?? runReports.find((u) => /locust|wrk|autocannon/.test(u)) ?? runReports[0],
  ],
  ['scale-test-report', byKind.get('scale-test-report')?.[0]],
  ['performance-baseline-report', byKind.get('performance-baseline-report')?.[0]],
  [
    'benchmark-history',
    byKind.get('benchmark-history')?.find((u) => /k6|locust|sample-api/.test(u)) ??
      byKind.get('benchmark-history')?.[0],
  ],
];
const viewports = [
  { name: 'laptop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Opens every folded block by clicking its summary, as a reader would, and waits for it to finish opening. */
async function unfoldAll(page: Page): Promise<number> {
  const summaries = page.locator('article details > summary');
  const n = await summaries.count();
  for (let i = 0; i < n; i++) {
    await summaries.nth(i).click();
    // The theme animates each fold open; wait for this one before the next click.
    await page.waitForFunction((k) => (document.querySelectorAll('article details')[k] as HTMLDetailsElement).open, i);
  }
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('article details')).every(
        (d) => (d as HTMLDetailsElement).open && (d.lastElementChild as HTMLElement).getBoundingClientRect().height > 0,
      ),
    undefined,
    { timeout: 10_000 },
  );
  return n;
}

interface TableFact {
  text: string;
  inSummary: boolean;
  scrolls: boolean;
  overflowX: string;
  right: number;
  firstCellPosition: string;
  cue: boolean;
}

function tableFacts(page: Page): Promise<TableFact[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('article table'))
      .filter((t) => (t as HTMLElement).offsetParent !== null)
      .map((t) => {
        const table = t as HTMLElement;
        const style = getComputedStyle(table);
        const first = table.querySelector('tbody td') as HTMLElement | null;
        return {
          text: (table.querySelector('th')?.textContent ?? '').trim(),
          inSummary: Boolean(table.closest('.kb-summary')),
          scrolls: table.scrollWidth > table.clientWidth + 1,
          overflowX: style.overflowX,
          right: table.getBoundingClientRect().right,
          firstCellPosition: first ? getComputedStyle(first).position : 'none',
          cue: /gradient/.test(style.backgroundImage),
        };
      }),
  );
}

describe.each(picks.filter((p): p is [string, string] => Boolean(p[1])))('report page %s (%s)', (kind, url) => {
  it.each(viewports)('$name ($width × $height): summary first, nothing hidden sideways', async (vp) => {
    const { page, problems } = await openPage(browser.context);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.locator('.kb-verdicts').count(), `${url}: no verdict strip (.kb-verdicts)`).toBeGreaterThan(0);
    const strip = await page.locator('.kb-verdicts').first().boundingBox();
    expect(strip, `${url}: no verdict strip (.kb-verdicts)`).not.toBeNull();
    expect(strip!.y, `${url}: the verdict strip starts below the first viewport`).toBeLessThan(vp.height - 40);

    // Unfold as a reader would once the page is interactive (a click during hydration is undone by React).
    await waitForHydration(page);
    const folds = await unfoldAll(page);
    expect(folds, `${url}: no folded details`).toBeGreaterThan(0);
    if (shots) {
      await mkdir(shots, { recursive: true });
      const name = `${kind}-${vp.width}.png`;
      await page.screenshot({ path: path.join(shots, name), fullPage: true });
    }

    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `${url} at ${vp.width} px: the page scrolls sideways`).toBeLessThanOrEqual(innerWidth);

    const tables = await tableFacts(page);
    expect(tables.length, `${url}: no table`).toBeGreaterThan(0);
    for (const t of tables) {
      const what = `${url} at ${vp.width} px, table "${t.text}…"`;
      expect(t.right, `${what} is clipped by the page`).toBeLessThanOrEqual(innerWidth + 0.5);
      if (vp.width >= 1280 || t.inSummary) expect(t.scrolls, `${what} needs sideways scrolling`).toBe(false);
      if (t.scrolls) {
        expect(['auto', 'scroll'], `${what} overflows without its own scroll box`).toContain(t.overflowX);
        expect(t.firstCellPosition, `${what}: its first column does not stay in view`).toBe('sticky');
        expect(t.cue, `${what}: no cue that there is more`).toBe(true);
      }
    }
    expect(problems.errors, `${url}: console errors`).toEqual([]);
    await page.close();
  });
});

it('finds a page of each report kind that exists today', () => {
  for (const kind of ['benchmark-report', 'scale-test-report', 'performance-baseline-report'])
    expect(picks.find(([k]) => k === kind)?.[1], `no built page of kind ${kind} under reports/`).toBeTruthy();
});
