// The site as nginx serves it with deploy/nginx.conf (global-setup starts it):
// every page kind runs under the Content-Security-Policy with no violation,
// and the answers carry the headers a production host must send.
import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { pickPages } from '../bench/pages/pick-pages.ts';
import { openPage, waitForHydration } from './support/browser.ts';
import { PROJECT_ROOT } from './support/build-site.ts';
import {
  findMermaidPages,
  findWordOnOnePage,
  isVersionedCopy,
  readBuiltPages,
  readCutVersions,
} from './support/site-pages.ts';
import { browserForSuite } from './support/suite.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');
const cutVersions = await readCutVersions(PROJECT_ROOT);
const pages = await readBuiltPages(siteDir);
const browser = browserForSuite(baseURL);

interface Visit {
  kind: string;
  url: string;
  /** What shows the page has done its work (scripts ran, diagram drawn, search answered). */
  ready: (page: Page) => Promise<unknown>;
}

const hydrated = (page: Page) => waitForHydration(page);
const docOf = (section: string, versioned: boolean) =>
  pages.find(
    (p) =>
      p.type === 'doc' &&
      p.url.startsWith(`/${section}/`) &&
      isVersionedCopy(p.url, cutVersions) === versioned &&
      !(versioned && cutVersions.some((v) => p.url === `/${section}/${v}`)),
  );

async function visits(): Promise<Visit[]> {
  const picked = new Map((await pickPages(siteDir, cutVersions, false)).map((t) => [t.kind, t.url]));
  const mermaid = (await findMermaidPages(PROJECT_ROOT, siteDir))[0];
  const word = findWordOnOnePage(pages, cutVersions)?.word;
  const doc = docOf('docs', false)?.url;
  const versioned = docOf('docs', true)?.url;
  const at = (kind: string, url: string | undefined, ready: Visit['ready'] = hydrated): Visit[] =>
    url ? [{ kind, url, ready }] : [];
  return [
    ...at('home', '/'),
    ...at('doc', doc),
    ...at('versioned doc', versioned),
    ...at('runbook', picked.get('runbook')),
    ...at('ADR index', '/adr'),
    ...at('ADR', picked.get('adr')),
    ...at('report with charts', picked.get('report')),
    ...at('dashboards', '/dashboards'),
    ...at('deliverables dashboard', '/dashboards/deliverables'),
    ...at('Mermaid diagram', mermaid, async (page) => {
      await hydrated(page);
      // With the perf layer a diagram is drawn when its slot nears the viewport; the stock client draws it at once.
      const slot = page.locator('.kb-mermaid-slot').first();
      if (await slot.count()) await slot.scrollIntoViewIfNeeded();
      await page.locator('.docusaurus-mermaid-container svg').first().waitFor({ state: 'visible', timeout: 30_000 });
    }),
    ...at('search (Pagefind)', word && `/search?q=${word}`, async (page) => {
      await hydrated(page);
      await page.locator('ol[aria-label="Search results"] > li').first().waitFor({ timeout: 30_000 });
    }),
    ...at('404 page', '/no/such/page'),
  ];
}

/** Every CSP violation on the page: the DOM event and Chromium's console report. */
async function violationsOn(visit: Visit): Promise<string[]> {
  const { page } = await openPage(browser.context);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('__kbCspViolation', (text: string) => violations.push(`event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __kbCspViolation(text: string): void }).__kbCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  await page.goto(visit.url);
  // A blocked script shows as a page that never gets ready: report it with the violations that explain it.
  const ready = await visit.ready(page).then(
    () => undefined,
    (error: unknown) => `never ready: ${String(error).split('\n')[0]}`,
  );
  // Whatever runs after hydration (idle prefetching, lazy parts) has its chance to break the policy too.
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(1000);
  await page.close();
  return ready ? [...violations, ready] : violations;
}

function head(urlPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    request(`${baseURL}${urlPath}`, { method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

describe('served by nginx with deploy/nginx.conf', () => {
  it('runs every page kind with zero Content-Security-Policy violations', { timeout: 900_000 }, async () => {
    const list = await visits();
    expect(list.map((v) => v.kind)).toEqual(
      expect.arrayContaining(['home', 'doc', 'versioned doc', 'search (Pagefind)']),
    );
    const found: Record<string, string[]> = {};
    for (const visit of list) found[`${visit.kind} ${visit.url}`] = await violationsOn(visit);
    console.log(
      `[e2e] CSP violations per page kind: ${Object.entries(found)
        .map(([k, v]) => `${k}: ${v.length}`)
        .join('; ')}`,
    );
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });

  it('answers an unknown URL with the site 404 page and status 404', async () => {
    const answer = await head('/no/such/page');
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('builds no blog archive: its props carry every report in full, which broke the build at 10,000 runs', async () => {
    expect((await head('/reports/archive')).status).toBe(404);
    expect((await head('/reports')).status).toBe(200);
  });

  it('sends content types, caching and precompressed encodings as the deployment does', async () => {
    const home = await readFile(path.join(siteDir, 'index.html'), 'utf8');
    const asset = /\/assets\/js\/main\.[0-9a-f]{8,}\.js/.exec(home)?.[0];
    expect(asset, 'main.js named in index.html').toBeTruthy();
    const immutable = await head(asset!, { 'accept-encoding': 'br' });
    expect(immutable.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(immutable.headers['content-encoding']).toBe('br');

    const doc = docOf('docs', false)!.url;
    const page = await head(doc, { 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.etag).toMatch(/^"/);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect((await head(doc, { 'if-none-match': String(page.headers.etag), 'accept-encoding': 'gzip' })).status).toBe(
      304,
    );

    expect((await head(`${doc}.md`)).headers['content-type']).toBe('text/markdown; charset=utf-8');
    for (const txt of ['/llms.txt', '/llms-full.txt']) {
      const answer = await head(txt, { 'accept-encoding': 'br, gzip' });
      expect(answer.headers['content-type'], txt).toBe('text/plain; charset=utf-8');
      expect(answer.headers['content-encoding'], txt).toBe('br');
    }
    const security = (await head('/')).headers;
    expect(security['x-content-type-options']).toBe('nosniff');
    expect(security['referrer-policy']).toBeTruthy();
    expect(security['permissions-policy']).toContain('camera=()');
    expect(security['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']+')+;/);
  });
});
