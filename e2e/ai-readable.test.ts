// The AI-readable outputs of the production build (src/plugins/ai-readable),
// fetched from the served site like an assistant would: llms.txt and every
// link in it, the manifest against its published JSON Schema, and the
// Markdown mirror of an MDX page.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from './support/build-site.ts';

const baseURL = inject('baseURL');
const siteDir = inject('siteDir');

async function get(urlPath: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(new URL(urlPath, `${baseURL}/`));
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

interface ManifestDocument {
  id: string;
  source: string;
  title: string;
  url: string;
  markdownUrl: string;
}

const llms = await get('/llms.txt');
const manifestResponse = await get('/kb-index.json');
const manifest = JSON.parse(manifestResponse.body) as { documents: ManifestDocument[] };
/** Run pages (`/reports/runs/<id>`): in kb-index.json, counted in llms.txt; every other document is named there. */
const runPages = manifest.documents.filter((d) => d.url.startsWith('/reports/runs/'));
const listed = manifest.documents.filter((d) => !d.url.startsWith('/reports/runs/'));

/** Pages whose source really uses MDX: an import, a JSX element or a JS expression. */
async function mdxPages(): Promise<ManifestDocument[]> {
  const found: ManifestDocument[] = [];
  for (const doc of manifest.documents.filter((d) => d.source.endsWith('.mdx'))) {
    const source = await readFile(path.join(PROJECT_ROOT, doc.source), 'utf8').catch(() => '');
    if (/^(import|export)\s/m.test(source) || /^\s*<[A-Za-z][\w.]*[\s/>]/m.test(source) || /\{\/\*/.test(source))
      found.push(doc);
  }
  return found;
}
const withComponents = await mdxPages();

describe('the outputs of the build', () => {
  // src/plugins/ai-readable writes them while the bundler runs (a KB with 10,000 run pages has 10,000 mirrors
  // to write), not after the pages are rendered.
  it('are written while the bundler runs, before the pages are rendered', async () => {
    const written = async (file: string) => (await stat(path.join(siteDir, file))).mtimeMs;
    expect(await written('llms.txt')).toBeLessThan(await written('index.html'));
    expect(await written('kb-index.json')).toBeLessThan(await written('index.html'));
  });
});

describe('llms.txt', () => {
  it('is served as text in the llmstxt.org shape', () => {
    expect(llms.status).toBe(200);
    expect(llms.type).toMatch(/^text\/plain/);
    expect(llms.body).toMatch(/^# .+\n\n> .+\n/);
    expect(llms.body.match(/^## .+$/gm)).toEqual([
      '## Handbook',
      '## ADRs',
      '## Runbooks',
      '## Playbooks',
      '## Reports',
      '## Optional',
    ]);
  });

  it('lists every current document of the manifest by its Markdown URL; run pages by their number', () => {
    for (const doc of listed) expect(llms.body, `${doc.id} missing from llms.txt`).toContain(`](${doc.markdownUrl})`);
    // One per stored run, up to thousands: the suite histories listed above link each; kb-index.json has them all.
    expect(runPages.length).toBeGreaterThan(0);
    expect(llms.body).toContain(`Plus ${runPages.length} benchmark run pages, one per stored run`);
    for (const doc of runPages) expect(llms.body).not.toContain(`](${doc.markdownUrl})`);
  });

  it('every link returns 200, and every Markdown link returns Markdown', async () => {
    const links = [...llms.body.matchAll(/\]\((\/[^)\s]*)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(listed.length);
    // And the Markdown copies of a few run pages, which llms.txt counts rather than names.
    links.push(...runPages.slice(0, 3).map((d) => d.markdownUrl));
    const failures: string[] = [];
    for (const link of links) {
      const res = await get(link);
      if (res.status !== 200) failures.push(`${link}: HTTP ${res.status}`);
      else if (/\.(md|txt)$/.test(link)) {
        if (link.endsWith('.md') && !res.type.startsWith('text/markdown'))
          failures.push(`${link}: served as ${res.type}`);
        if (!/^# \S/.test(res.body)) failures.push(`${link}: does not start with a Markdown title`);
        if (/<!DOCTYPE html>/i.test(res.body)) failures.push(`${link}: is HTML`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('kb-index.json', () => {
  it('validates against the published JSON Schema', async () => {
    expect(manifestResponse.status).toBe(200);
    const schema = await get('/schemas/kb-index.schema.json');
    expect(schema.status).toBe(200);
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(schema.body));
    expect(validate(JSON.parse(manifestResponse.body)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('points at HTML pages that exist next to their mirrors', async () => {
    for (const doc of manifest.documents.slice(0, 10)) {
      const page = await get(doc.url);
      expect(page.status, doc.url).toBe(200);
      expect(page.body).toMatch(/<html/i);
    }
  });
});

describe('Markdown mirrors', () => {
  it.runIf(withComponents.length > 0)('turn MDX components into readable Markdown', async () => {
    for (const doc of withComponents) {
      const md = await get(doc.markdownUrl);
      expect(md.status, doc.markdownUrl).toBe(200);
      expect(md.body.startsWith(`# ${doc.title}\n`), `${doc.markdownUrl} starts with its title`).toBe(true);
      expect(md.body, `${doc.markdownUrl} still has an import`).not.toMatch(/^import\s/m);
      expect(md.body, `${doc.markdownUrl} still has a JSX component`).not.toMatch(/<[A-Z][A-Za-z]*[\s/>]/);
      expect(md.body, `${doc.markdownUrl} still has JSX markup`).not.toMatch(
        /<(div|span|details)[\s>]|className=|dangerouslySetInnerHTML|\{\/\*/,
      );
    }
  });

  it('start with the title and key metadata', async () => {
    const doc = manifest.documents.find((d) => d.source.startsWith('docs/')) ?? manifest.documents[0]!;
    const md = await get(doc.markdownUrl);
    expect(md.body).toMatch(/^# .+\n\n(> .+\n\n)?- Kind: /);
    expect(md.body).toContain(`- URL: ${doc.url}`);
  });
});
