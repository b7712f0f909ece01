// The core files the part builds' two wraps depend on, pinned by content hash:
// an upgrade that changes one fails here, naming it. After re-checking
// core-patch.ts against the new file, put the new hash here. The wraps are
// also run on the installed core's own module objects.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coreProblem, installPartWraps, PART_LINKS_FILE, PATCHED_CORE_FILES } from './core-patch.ts';

const SITE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const coreDir = path.join(SITE_DIR, 'node_modules/@docusaurus/core');
const nodeRequire = createRequire(path.join(SITE_DIR, 'package.json'));

const PINNED: Record<(typeof PATCHED_CORE_FILES)[number], string> = {
  'lib/server/codegen/codegen.js': '611cf627307a668cad034f2a00e6218347b0fb9136cac2fe6ec9d3cff39a57df',
  'lib/ssg/ssgExecutor.js': 'd39e469f8adb08eccca9755df0c1f36f74bc3c3531a10f873be9b152b885bef8',
  'lib/server/site.js': 'bbc2a5b17f1808fd115e9f8b28037f5d126e952adb8f091c11f628ba4d66893f',
  'lib/commands/build/buildLocale.js': '8cd1f296d9e9efa05dac0f893c8eb3f9056d27948fc0353c010737d5a6e86da0',
  'lib/server/routes.js': 'fcc45aa76cd74ea1e0a5f8f336eb2d21f3f0600d83001e8c011cdb3b79f4282a',
  'lib/server/brokenLinks.js': '22cca339516ef1c70acdaf0f9b992421bcabad8bdf895f35738529f378989262',
};

describe('the core files the wraps depend on', () => {
  it.each(PATCHED_CORE_FILES)('%s is the one core-patch.ts was checked against', (file) => {
    const sha = createHash('sha256')
      .update(readFileSync(path.join(coreDir, file)))
      .digest('hex');
    expect(sha, `@docusaurus/core/${file} changed: re-check src/plugins/parts/core-patch.ts, then pin ${sha}`).toBe(
      PINNED[file],
    );
  });

  it('call both wrapped functions through their module objects', () => {
    const site = readFileSync(path.join(coreDir, 'lib/server/site.js'), 'utf8');
    const build = readFileSync(path.join(coreDir, 'lib/commands/build/buildLocale.js'), 'utf8');
    expect(site).toContain('(0, codegen_1.generateSiteFiles)(');
    expect(build).toContain('(0, ssgExecutor_1.executeSSG)(');
    expect(build).toContain('(0, brokenLinks_1.handleBrokenLinks)(');
  });
});

describe('installPartWraps', () => {
  const codegen = nodeRequire(path.join(coreDir, 'lib/server/codegen/codegen.js')) as Record<string, unknown>;
  const ssg = nodeRequire(path.join(coreDir, 'lib/ssg/ssgExecutor.js')) as Record<string, unknown>;
  const links = nodeRequire(path.join(coreDir, 'lib/server/brokenLinks.js')) as Record<string, unknown>;
  const originals = {
    generateSiteFiles: codegen.generateSiteFiles,
    executeSSG: ssg.executeSSG,
    handleBrokenLinks: links.handleBrokenLinks,
  };
  let outDir: string;
  beforeEach(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'kb-part-wraps-'));
  });
  afterEach(async () => {
    codegen.generateSiteFiles = originals.generateSiteFiles;
    ssg.executeSSG = originals.executeSSG;
    links.handleBrokenLinks = originals.handleBrokenLinks;
    await rm(outDir, { recursive: true, force: true });
  });

  it('hands core only the part’s routes and paths, and records that it did', async () => {
    const seen: { routes?: unknown; paths?: unknown } = {};
    codegen.generateSiteFiles = async (params: { routes: unknown }) => {
      seen.routes = params.routes;
    };
    ssg.executeSSG = async (params: { props: { routesPaths: string[]; other: number } }) => {
      seen.paths = params.props;
    };
    const record = installPartWraps(SITE_DIR, outDir, (p) => p.startsWith('/adr'));
    await (codegen.generateSiteFiles as (p: unknown) => Promise<void>)({
      routes: [{ path: '/docs/x' }, { path: '/adr', routes: [{ path: '/adr/1' }, { path: '/docs/y' }] }],
    });
    await (ssg.executeSSG as (p: unknown) => Promise<void>)({
      props: { routesPaths: ['/404.html', '/docs/x', '/adr', '/adr/1'], other: 1 },
    });
    expect(seen.routes).toEqual([{ path: '/adr', routes: [{ path: '/adr/1' }] }]);
    expect(seen.paths).toEqual({ routesPaths: ['/adr', '/adr/1'], other: 1 });
    expect(record).toEqual({ codegen: 1, ssg: 1, pages: 2, links: 0 });

    // Installed again (a second build in one process): the new rule replaces the old, never wraps the wrap.
    const again = installPartWraps(SITE_DIR, outDir, (p) => p.startsWith('/docs'));
    await (ssg.executeSSG as (p: unknown) => Promise<void>)({ props: { routesPaths: ['/docs/x', '/adr/1'] } });
    expect(seen.paths).toEqual({ routesPaths: ['/docs/x'] });
    expect(again.pages).toBe(1);
  });

  it('leaves links into other parts’ pages out of the part’s link check, and their anchors to the merge', async () => {
    let checked: unknown;
    let against: unknown;
    links.handleBrokenLinks = async (params: { collectedLinks: unknown; routes: unknown }) => {
      checked = params.collectedLinks;
      against = params.routes;
    };
    const record = installPartWraps(SITE_DIR, outDir, (p) => p.startsWith('/adr'));
    const routes = [
      { path: '/docs', routes: [{ path: '/docs/a', exact: true }] },
      { path: '/adr/1', exact: true },
      { path: '/reports/runs', exact: false },
    ];
    const collectedLinks = {
      '/adr/1': {
        anchors: ['context', 'decision'],
        links: [
          '/docs/a',
          '/docs/a#setup',
          '/docs/missing',
          '/adr/1#context',
          '#decision',
          '/reports/runs/x',
          'https://other.example/docs/a',
        ],
      },
    };
    await (links.handleBrokenLinks as (p: unknown) => Promise<void>)({
      collectedLinks,
      routes,
      onBrokenAnchors: 'throw',
    });
    expect(checked).toEqual({
      '/adr/1': {
        anchors: ['context', 'decision'],
        // Kept for Docusaurus: its own pages, paths that are no exact route (reported broken, or matched), other sites.
        links: ['/docs/missing', '/adr/1#context', '#decision', '/reports/runs/x', 'https://other.example/docs/a'],
      },
    });
    // Matched against this part's routes and the non-exact ones only.
    expect(against).toEqual([
      { path: '/docs', routes: [] },
      { path: '/adr/1', exact: true },
      { path: '/reports/runs', exact: false },
    ]);
    expect(JSON.parse(await readFile(path.join(outDir, PART_LINKS_FILE), 'utf8'))).toEqual({
      onBrokenAnchors: 'throw',
      anchors: { '/adr/1': ['context', 'decision'] },
      links: [{ from: '/adr/1', to: '/docs/a', hash: 'setup' }],
    });
    expect(record.links).toBe(1);
  });

  it('refuses another core version in one line, naming the way out', () => {
    expect(coreProblem('3.10.2')).toBeUndefined();
    expect(coreProblem('3.11.0')).toBe(
      'parts (src/plugins/parts): @docusaurus/core 3.11.0 is installed, part builds support 3.10.x only; build the whole site (leave KB_PART unset), or re-check core-patch.ts against 3.11.0',
    );
  });
});
