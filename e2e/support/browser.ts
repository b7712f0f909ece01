// Debian's chromium driven by playwright-core, never a downloaded browser.
// The flags are those of DEVELOPERS.md: without the background-networking ones
// chromium keeps trying to reach the network, which this machine refuses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Closes chromium and removes its profile folder. */
  close(): Promise<void>;
}

/**
 * Launches chromium with a fresh profile (`--user-data-dir` in a new temp
 * folder). Playwright takes the profile folder as the first argument of
 * launchPersistentContext and refuses a `--user-data-dir` flag, so that is how
 * the flag is passed.
 */
export async function launchBrowser(options: { baseURL?: string } = {}): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'kb-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS],
    headless: true,
    baseURL: options.baseURL,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PageProblems {
  /** console.error messages and uncaught exceptions, in order. */
  errors: string[];
  /** Requests that failed or answered 4xx/5xx (except the ones a test expects). */
  failedRequests: string[];
}

/** Opens a page that records console errors, page errors and failed requests. */
export async function openPage(context: BrowserContext): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems: PageProblems = { errors: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return { page, problems };
}

/** Waits until React has hydrated the page (Docusaurus marks <html>), so clicks are client-side navigations. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector('html[data-has-hydrated="true"]', { state: 'attached', timeout: 30_000 });
}
