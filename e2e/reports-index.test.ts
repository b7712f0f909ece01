// The reports index as a newcomer meets it: the team's log first, examples apart,
// compact on a phone; and the week-by-week dashboard built from the weekly facts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser, openPage } from './support/browser.ts';

const baseURL = inject('baseURL');
let browser: LaunchedBrowser;

beforeAll(async () => {
  browser = await launchBrowser({ baseURL });
});
afterAll(async () => {
  await browser?.close();
});

describe('/reports', () => {
  it('lists the team’s reports by kind with human titles and keeps example reports in a closed, labelled section', async () => {
    const { page } = await openPage(browser.context);
    await page.goto('/reports');
    const groups = await page.locator('main section h2').allTextContents();
    expect(groups.length).toBeGreaterThan(0);
    expect(
      groups.every((g) => /^(Weekly reports|Benchmark runs|Scale tests|Performance baselines|Other reports)/.test(g)),
    ).toBe(true);
    // Team rows never show example data; titles read "suite — date: n of m targets met", not slugs.
    const team = await page.locator('main section li a').allTextContents();
    expect(team.some((t) => /^kb \w+.* — \d{1,2} \w{3} \d{4}: /.test(t))).toBe(true);
    expect(team.some((t) => /example|: \w+ run of \d{4}/.test(t))).toBe(false);
    const examples = page.locator('main details#examples');
    await expect(examples.getAttribute('open')).resolves.toBeNull();
    expect(await examples.locator('summary').textContent()).toMatch(/^Example reports \(\d+\): public fixtures/);
    expect(await examples.locator('li').count()).toBeGreaterThan(0);
  });

  it('stays one compact line per report on a phone (no horizontal scroll, small headings)', async () => {
    const { page } = await openPage(browser.context);
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/reports');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    const rowHeight = await page
      .locator('main section li')
      .first()
      .evaluate((el) => el.getBoundingClientRect().height);
    expect(rowHeight).toBeLessThan(90);
    const titleSize = await page
      .locator('main section li a')
      .first()
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(titleSize).toBeLessThanOrEqual(18);
  });
});

describe('/dashboards/weeks', () => {
  it('shows the twelve plan weeks with week 1’s deliverables from the weekly facts', async () => {
    const { page } = await openPage(browser.context);
    await page.goto('/dashboards/weeks');
    await expect(page.locator('main details').count()).resolves.toBe(12);
    const week1 = page.locator('details#week-1');
    expect(await week1.locator('summary').textContent()).toMatch(
      /Week 1: Performance Architecture Planning.*\d+\/6 deliverables/,
    );
    await week1.locator('summary').click();
    expect(await week1.locator('a', { hasText: 'Risk assessment' }).getAttribute('href')).toBe(
      '/docs/planning/risk-assessment',
    );
  });
});
