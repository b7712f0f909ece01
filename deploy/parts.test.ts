import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PART_LINKS_FILE, type PartLinks } from '../src/plugins/parts/core-patch.ts';
import { PART_MARK_FILE, type SitePart } from '../src/plugins/parts/model.ts';
import { cspHashesOf, mergeParts } from './parts.ts';
import { CSP_HASH_FILE, renderCspHashConf } from './prepare.ts';

const TABLE: SitePart[] = [
  { name: 'handbook', paths: ['/docs'] },
  { name: 'site', paths: [] },
];

let dir: string;
let partsDir: string;
let outDir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kb-parts-'));
  partsDir = path.join(dir, 'parts');
  outDir = path.join(dir, 'build');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function part(
  name: string,
  files: Record<string, string>,
  table: SitePart[] = TABLE,
  links: PartLinks = { onBrokenAnchors: 'throw', anchors: {}, links: [] },
): Promise<void> {
  const root = path.join(partsDir, name);
  const mark = { part: name, parts: table, pages: Object.keys(files).filter((f) => f.endsWith('.html')).length };
  const marks = { [PART_MARK_FILE]: JSON.stringify(mark), [PART_LINKS_FILE]: JSON.stringify(links) };
  for (const [file, content] of Object.entries({ ...files, ...marks })) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
}

const read = (file: string) => readFile(path.join(outDir, file), 'utf8');

describe('mergeParts', () => {
  it('takes each page from its part, shared assets once, and joins the CSP hashes', async () => {
    await part('handbook', {
      'docs/intro.html': 'intro',
      'docs/intro.html.br': 'intro-br',
      'docs/intro.md': 'intro-md',
      'sitemap.xml': 'sitemap as the handbook part saw it',
      'assets/js/main.aaaaaaaa.js': 'main-handbook',
      'assets/img/logo.svg': 'logo',
      'pagefind/parts/handbook/pagefind-entry.json': '{}',
      [CSP_HASH_FILE]: renderCspHashConf(["'sha256-a'", "'sha256-b'"]),
    });
    await part('site', {
      'index.html': 'home',
      '404.html': 'not found',
      'sitemap.xml': 'sitemap',
      'llms.txt': 'llms',
      'assets/js/main.bbbbbbbb.js': 'main-site',
      'assets/img/logo.svg': 'logo',
      'pagefind/pagefind.js': 'pagefind',
      [CSP_HASH_FILE]: renderCspHashConf(["'sha256-b'", "'sha256-c'"]),
    });
    const summary = await mergeParts(partsDir, outDir);
    expect(await read('docs/intro.html')).toBe('intro');
    expect(await read('docs/intro.html.br')).toBe('intro-br');
    expect(await read('index.html')).toBe('home');
    expect(await read('sitemap.xml')).toBe('sitemap');
    expect(await read('assets/js/main.aaaaaaaa.js')).toBe('main-handbook');
    expect(await read('assets/js/main.bbbbbbbb.js')).toBe('main-site');
    expect(await read('assets/img/logo.svg')).toBe('logo');
    expect(await read('pagefind/parts/handbook/pagefind-entry.json')).toBe('{}');
    expect(cspHashesOf(await read(CSP_HASH_FILE))).toEqual(["'sha256-a'", "'sha256-b'", "'sha256-c'"]);
    await expect(stat(path.join(outDir, PART_MARK_FILE))).rejects.toThrow();
    expect(summary.pages).toBe(3);
    expect(summary.parts.map((p) => p.name)).toEqual(['handbook', 'site']);
  });

  it('stops, writing nothing, when two parts wrote different bytes to a file neither owns', async () => {
    await part('handbook', { 'docs/a.html': 'a', 'assets/js/x.js': 'one' });
    await part('site', { 'index.html': 'home', 'assets/js/x.js': 'two' });
    // site owns /assets: its copy wins; a file only non-owners wrote must agree.
    await mergeParts(partsDir, outDir);
    expect(await read('assets/js/x.js')).toBe('two');

    const table3: SitePart[] = [...TABLE.slice(0, 1), { name: 'runbooks', paths: ['/runbooks'] }, TABLE[1]!];
    await rm(partsDir, { recursive: true });
    await rm(outDir, { recursive: true });
    await part('handbook', { 'docs/a.html': 'a', 'assets/js/y.js': 'one' }, table3);
    await part('runbooks', { 'runbooks/b.html': 'b', 'assets/js/y.js': 'two' }, table3);
    await part('site', { 'index.html': 'home' }, table3);
    await expect(mergeParts(partsDir, outDir)).rejects.toThrow(
      'assets/js/y.js differs between parts handbook and runbooks, and site, which owns its URL, has none',
    );
    await expect(stat(outDir)).rejects.toThrow();
  });

  it('names a missing part and how to build it', async () => {
    await part('handbook', { 'docs/a.html': 'a' });
    await expect(mergeParts(partsDir, outDir)).rejects.toThrow('part site not built — run npm run build:part -- site');
    await expect(stat(outDir)).rejects.toThrow();
  });

  it('refuses parts built from different tables, and folders that are not part builds', async () => {
    await part('handbook', { 'docs/a.html': 'a' });
    await part('site', { 'index.html': 'home' }, [{ name: 'handbook', paths: ['/handbook'] }, TABLE[1]!]);
    await expect(mergeParts(partsDir, outDir)).rejects.toThrow('site: built from another parts table than handbook');
    await rm(path.join(partsDir, 'site'), { recursive: true });
    await mkdir(path.join(partsDir, 'site'));
    await expect(mergeParts(partsDir, outDir)).rejects.toThrow(`no ${PART_MARK_FILE} — not a part build`);
  });

  it('checks the anchors of links across parts, which no part build can', async () => {
    // Two parts linking into each other: the site part's link is good, the handbook's goes to `hash`.
    const build = async (hash: string, onBrokenAnchors = 'throw') => {
      await rm(partsDir, { recursive: true, force: true });
      await part('handbook', { 'docs/a.html': 'a' }, TABLE, {
        onBrokenAnchors,
        anchors: { '/docs/a': ['setup'] },
        links: [{ from: '/docs/a', to: '/reports/week-1', hash }],
      });
      await part('site', { 'index.html': 'home' }, TABLE, {
        onBrokenAnchors,
        anchors: { '/': [], '/reports/week-1': ['latency', 'p99 latency'] },
        links: [{ from: '/reports/week-1', to: '/docs/a', hash: 'setup' }],
      });
    };
    await build('p99%20latency');
    expect((await mergeParts(partsDir, outDir)).crossAnchors).toBe(2);

    await build('nope');
    await expect(mergeParts(partsDir, outDir)).rejects.toThrow(
      'broken anchor in a link across parts: /docs/a → /reports/week-1#nope — fix the link or the heading',
    );

    await build('nope', 'warn');
    expect((await mergeParts(partsDir, outDir)).brokenAnchors).toEqual(['/docs/a → /reports/week-1#nope']);
  });

  it('refuses a part whose link check did not go through the parts plugin', async () => {
    await part('handbook', { 'docs/a.html': 'a' });
    await part('site', { 'index.html': 'home' });
    await rm(path.join(partsDir, 'site', PART_LINKS_FILE));
    await expect(mergeParts(partsDir, outDir)).rejects.toThrow(
      `no ${PART_LINKS_FILE} — the part's link check did not run through src/plugins/parts/core-patch.ts; rebuild part site`,
    );
  });

  it('replaces an earlier merge', async () => {
    await part('handbook', { 'docs/a.html': 'a' });
    await part('site', { 'index.html': 'home' });
    await mkdir(outDir);
    await writeFile(path.join(outDir, 'stale.html'), 'old');
    await mergeParts(partsDir, outDir);
    expect((await readdir(outDir, { recursive: true })).sort()).toEqual(['docs', 'docs/a.html', 'index.html']);
  });
});

describe('.github/workflows/parts.yml', () => {
  it('builds every part of the table in docusaurus.config.ts, one job each', async () => {
    const { default: config } = await import('../docusaurus.config.ts');
    const table = (config.customFields?.siteParts as { parts: SitePart[] }).parts;
    const workflow = parse(
      await readFile(path.join(import.meta.dirname, '../.github/workflows/parts.yml'), 'utf8'),
    ) as {
      jobs: { part: { strategy: { matrix: { part: string[] } } } };
    };
    expect(workflow.jobs.part.strategy.matrix.part).toEqual(table.map((p) => p.name));
  });
});
