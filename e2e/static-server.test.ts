// The production-like static server behind the browser tests and bench:pages.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlOf, negotiateEncoding, startStaticServer, type StaticServer } from './support/static-server.ts';

let root: string;
let server: StaticServer;
const big = `<!doctype html><title>x</title>${'<p>compress me</p>'.repeat(200)}`;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kb-static-test-'));
  await mkdir(path.join(root, 'docs/guides'), { recursive: true });
  await mkdir(path.join(root, 'assets/js'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), big);
  await writeFile(path.join(root, '404.html'), '<h1>Page Not Found</h1>');
  await writeFile(path.join(root, 'docs.html'), '<h1>docs</h1>');
  await writeFile(path.join(root, 'docs/guides.html'), '<h1>guides</h1>');
  await writeFile(path.join(root, 'docs/guides/a.md'), '# a');
  await writeFile(path.join(root, 'llms.txt'), 'llms');
  await writeFile(path.join(root, 'rss.xml'), '<rss/>');
  await writeFile(path.join(root, 'assets/js/main.0123abcd.js'), 'console.log(1);'.repeat(200));
  server = await startStaticServer({ root });
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers });

describe('static server', () => {
  it('serves clean URLs for trailingSlash: false', async () => {
    expect(await (await get('/docs')).text()).toBe('<h1>docs</h1>');
    expect(await (await get('/docs/guides')).text()).toBe('<h1>guides</h1>');
  });

  it('answers unknown paths and traversal attempts with the site 404 page', async () => {
    for (const p of ['/nope', '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await get(p);
      expect(response.status, p).toBe(404);
      expect(await response.text(), p).toContain('Page Not Found');
    }
  });

  it('sends the content type of each file kind', async () => {
    expect((await get('/docs/guides/a.md')).headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect((await get('/llms.txt')).headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await get('/rss.xml')).headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect((await get('/')).headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('compresses with brotli or gzip as the client accepts', async () => {
    const { request } = await import('node:http');
    const raw = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        request(`${server.url}/`, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    const br = await raw('gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(big);
    const gz = await raw('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(big);
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding(undefined)).toBe('identity');
  });

  it('caches hashed assets forever and revalidates everything else', async () => {
    expect((await get('/assets/js/main.0123abcd.js')).headers.get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    );
    const page = await get('/docs');
    expect(page.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const etag = page.headers.get('etag')!;
    expect((await get('/docs', { 'if-none-match': etag })).status).toBe(304);
  });

  it("caches Pagefind's content-hashed index chunks forever, but not its entry files", () => {
    const immutable = 'public, max-age=31536000, immutable';
    expect(cacheControlOf('/pagefind/index/en_3f9a1c2.pf_index', 'x.pf_index')).toBe(immutable);
    expect(cacheControlOf('/pagefind/fragment/en_0b12cd3.pf_fragment', 'x.pf_fragment')).toBe(immutable);
    expect(cacheControlOf('/pagefind/pagefind.en_90d8b77c2c.pf_meta', 'x.pf_meta')).toBe(immutable);
    expect(cacheControlOf('/pagefind/pagefind-entry.json', 'pagefind-entry.json')).not.toBe(immutable);
    expect(cacheControlOf('/pagefind/pagefind.js', 'pagefind.js')).not.toBe(immutable);
  });
});
