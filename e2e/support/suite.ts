// What every browser test file shares: one chromium per file, launched before
// its tests and closed after them. Kept apart from browser.ts, which the
// benchmarks import outside vitest.
import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';

/** Registers the file's browser; `context` is there inside its tests. */
export function browserForSuite(baseURL: string): { readonly context: BrowserContext } {
  let browser: LaunchedBrowser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser({ baseURL });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get context() {
      if (!browser) throw new Error('the suite browser is launched in beforeAll: use it inside a test');
      return browser.context;
    },
  };
}

/** The path part of the page's URL, for messages and checks. */
export const pathnameOf = (page: Page): string => new URL(page.url()).pathname;
