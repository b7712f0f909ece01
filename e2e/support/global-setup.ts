// Vitest globalSetup of the browser tests: builds the production site once
// (or reuses KB_E2E_SITE_DIR), serves it on 127.0.0.1 with Debian's nginx and
// the production configuration (deploy/nginx.conf, see deploy/nginx.ts), and
// hands `baseURL` to the tests via provide/inject.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { nginxMissingMessage, startNginx } from '../../deploy/nginx.ts';
import { buildSiteCopy } from './build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Root URL of the served build, e.g. `http://127.0.0.1:41234` (no trailing slash). */
    baseURL: string;
    /** Folder holding the production build being served. */
    siteDir: string;
  }
}

async function isBuild(dir: string | undefined): Promise<boolean> {
  if (!dir) return false;
  return Boolean((await stat(path.join(dir, 'index.html')).catch(() => undefined))?.isFile());
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = nginxMissingMessage();
  if (missing) throw new Error(`[e2e] ${missing}`);
  const reuse = process.env.KB_E2E_SITE_DIR;
  let workDir: string | undefined;
  let siteDir: string;
  if (await isBuild(reuse)) {
    siteDir = path.resolve(reuse!);
    console.log(`[e2e] reusing the build in ${siteDir} (KB_E2E_SITE_DIR)`);
  } else {
    if (reuse) console.log(`[e2e] KB_E2E_SITE_DIR=${reuse} holds no build (no index.html): building`);
    workDir = await mkdtemp(path.join(tmpdir(), 'kb-e2e-'));
    siteDir = path.join(workDir, 'site');
    console.log(`[e2e] building the production site into ${siteDir} …`);
    const { wallMs } = await buildSiteCopy(siteDir, path.join(workDir, 'build.log'));
    console.log(`[e2e] built in ${(wallMs / 1000).toFixed(1)} s`);
  }
  const server = await startNginx({ root: siteDir, log: (line) => console.log(`[e2e] ${line}`) });
  console.log(`[e2e] nginx (deploy/nginx.conf, pid ${server.pid}) serves ${siteDir} at ${server.url}`);
  project.provide('baseURL', server.url);
  project.provide('siteDir', siteDir);

  return async () => {
    await server.close();
    if (workDir && process.env.KB_E2E_KEEP !== '1') await rm(workDir, { recursive: true, force: true });
    else if (workDir) console.log(`[e2e] kept the build in ${siteDir} (KB_E2E_KEEP=1)`);
  };
}
