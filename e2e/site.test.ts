import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, type LaunchedBrowser } from './support/browser.ts';

const baseURL = inject('baseURL');
let browser: LaunchedBrowser;

beforeAll(async () => {
  browser = await launchBrowser({ baseURL });
});
afterAll(async () => {
  await browser?.close();
});

describe('home page', () => {
  it('loads with no console errors', async () => {
    const { page, problems } = await openPage(browser.context);
    await page.goto('/', { waitUntil: 'networkidle' });
    await expect(page.locator('.navbar').first().isVisible()).resolves.toBe(true);
    expect(problems.errors, 'console errors on /').toEqual([]);
    expect(problems.failedRequests, 'failed requests on /').toEqual([]);
    await page.close();
  });
});
