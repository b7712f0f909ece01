// `npm start` as a new user runs it: the dev server (no server rendering: the client renders every page),
// in a copy of the tree so its .docusaurus/ is nobody else's. The perf layer keeps the desktop sidebar as
// server HTML until it is needed; in the dev server there is none, and the sidebar stayed empty.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type LaunchedBrowser } from './support/browser.ts';
import { PROJECT_ROOT } from './support/build-site.ts';

let work: string;
let server: ChildProcess | undefined;
let browser: LaunchedBrowser;
let baseURL: string;
let log = '';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kb-dev-'));
  execFileSync('bash', [
    '-c',
    'tar -C "$0" --exclude=./node_modules --exclude=./build --exclude=./build-parts --exclude=./.docusaurus --exclude=./.git -cf - . | tar -C "$1" -xf -',
    PROJECT_ROOT,
    work,
  ]);
  await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(work, 'node_modules'));
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn('npx', ['docusaurus', 'start', '--host', '127.0.0.1', '--port', String(port), '--no-open'], {
    cwd: work,
    env: { ...process.env, BROWSER: 'none', DOCUSAURUS_NO_PERSISTENT_CACHE: '1', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout!.on('data', (chunk) => (log += String(chunk)));
  server.stderr!.on('data', (chunk) => (log += String(chunk)));
  const deadline = Date.now() + 240_000;
  while (!/client\s+compiled successfully|Compiled successfully/i.test(log)) {
    if (server.exitCode !== null) throw new Error(`docusaurus start exited ${server.exitCode}:\n${log.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`docusaurus start did not compile in 240 s:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchBrowser({ baseURL });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await rm(work, { recursive: true, force: true });
});

describe('npm start (the dev server)', () => {
  for (const [name, url] of [
    ['the handbook', '/docs'],
    ['an ADR', '/adr/run-services-on-python-3-12-with-uvloop'],
  ] as const) {
    it(`shows ${name} with its sidebar on the first load, with no console errors`, async () => {
      const { page, problems } = await openPage(browser.context);
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('article h1', { timeout: 60_000 });
      await page.waitForSelector('.theme-doc-sidebar-container a.menu__link', { timeout: 15_000 });
      const links = await page.$$eval('.theme-doc-sidebar-container a.menu__link', (as) => as.length);
      expect(links).toBeGreaterThan(0);
      expect(problems.errors).toEqual([]);
      await page.close();
    });
  }
});
