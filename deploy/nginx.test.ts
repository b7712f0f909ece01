// deploy/nginx.conf under Debian's nginx: `nginx -t`, then the behaviour a
// production host must have, on a small build made in a temp folder.
import { request } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX_CONF, renderSiteConf, startNginx, testNginxConf, writeNginxPrefix, type NginxServer } from './nginx.ts';
import { cspHash, prepareSite } from './prepare.ts';

let root: string;
let server: NginxServer;
const script = 'document.documentElement.dataset.ok="1"';
const page = (body: string) =>
  `<!doctype html><html><head><script>${script}</script></head><body>${body}${'<p>text</p>'.repeat(200)}</body></html>`;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kb-nginx-test-'));
  for (const dir of ['docs/guides', 'docs/phase-1', 'assets/js', 'pagefind/fragment', 'reports/runs']) {
    await mkdir(path.join(root, dir), { recursive: true });
  }
  await writeFile(path.join(root, 'index.html'), page('home'));
  await writeFile(path.join(root, '404.html'), page('<h1>Page Not Found</h1>'));
  await writeFile(path.join(root, 'docs.html'), page('docs'));
  await writeFile(path.join(root, 'docs/guides.html'), page('guides'));
  await writeFile(path.join(root, 'docs/phase-1.html'), page('phase one'));
  await writeFile(path.join(root, 'docs/guides.md'), `# Guides\n${'text '.repeat(400)}`);
  await writeFile(path.join(root, 'reports/runs/api-20261101t000000.html'), page('<h1>run</h1>'));
  await writeFile(path.join(root, 'reports/runs/api-20261101t000000.md'), `# Run\n${'cell | '.repeat(400)}`);
  await mkdir(path.join(root, '.nginx'), { recursive: true });
  await writeFile(path.join(root, '.nginx/notes.md'), '# not part of the site');
  await writeFile(path.join(root, 'llms.txt'), `# KB\n${'line\n'.repeat(400)}`);
  await writeFile(path.join(root, 'assets/js/main.0123abcd.js'), 'console.log(1);'.repeat(200));
  await writeFile(path.join(root, 'pagefind/fragment/en_1a2b3c4.pf_fragment'), Buffer.alloc(2048, 7));
  await prepareSite(root);
  server = await startNginx({ root, log: () => undefined });
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
function get(urlPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${urlPath}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('deploy/nginx.conf', () => {
  it('passes nginx -t with only its listen and root lines changed', async () => {
    const prefix = await mkdtemp(path.join(tmpdir(), 'kb-nginx-t-'));
    try {
      const main = await writeNginxPrefix(prefix, { root, port: 8080 });
      const result = testNginxConf(prefix, main);
      expect(result.output).toBe('');
      expect(result.ok).toBe(true);
      const conf = await readFile(NGINX_CONF, 'utf8');
      const served = await readFile(path.join(prefix, 'conf/sophia-kb.conf'), 'utf8');
      const changed = served.split('\n').filter((line, i) => line !== conf.split('\n')[i]);
      expect(changed.map((l) => l.trim())).toEqual(['listen 127.0.0.1:8080;', `root ${root};`]);
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  });

  it('refuses a configuration whose listen or root line moved', () => {
    expect(() => renderSiteConf('server { listen 80; }', { port: 1, root: '/x' })).toThrow(/listen 8080/);
  });

  it('serves clean URLs, versioned paths and the 404 page with status 404', async () => {
    for (const [url, text] of [
      ['/', 'home'],
      ['/docs', 'docs'],
      ['/docs/guides', 'guides'],
      ['/docs/phase-1', 'phase one'],
    ] as const) {
      const answer = await get(url);
      expect(answer.status, url).toBe(200);
      expect(answer.body.toString(), url).toContain(text);
    }
    for (const url of [
      '/nope',
      '/docs/nope',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/.nginx/csp-script-hashes.conf',
      '/.nginx/notes.md',
    ]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(404);
      expect(answer.body.toString(), url).toContain('Page Not Found');
      expect(answer.headers['content-security-policy'], url).toContain("default-src 'self'");
    }
    const slash = await get('/docs/guides/');
    expect(slash.status).toBe(301);
    expect(slash.headers.location).toBe('/docs/guides');
  });

  it('sends the content type of each file kind', async () => {
    expect((await get('/docs/guides.md')).headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect((await get('/llms.txt')).headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await get('/docs')).headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('sends the precompressed brotli or gzip copy the client accepts', async () => {
    const html = await readFile(path.join(root, 'docs.html'), 'utf8');
    const br = await get('/docs', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(html);
    const gz = await get('/docs', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(html);
    const plain = await get('/docs');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(html);
  });

  it('gzips run pages and their Markdown copies per request (they have no precompressed copy)', async () => {
    for (const [url, file, type] of [
      ['/reports/runs/api-20261101t000000', 'reports/runs/api-20261101t000000.html', 'text/html; charset=utf-8'],
      ['/reports/runs/api-20261101t000000.md', 'reports/runs/api-20261101t000000.md', 'text/markdown; charset=utf-8'],
    ] as const) {
      const text = await readFile(path.join(root, file), 'utf8');
      const gz = await get(url, { 'accept-encoding': 'gzip, br' });
      expect(gz.status, url).toBe(200);
      expect(gz.headers['content-encoding'], url).toBe('gzip');
      expect(gz.headers['content-type'], url).toBe(type);
      expect(gunzipSync(gz.body).toString(), url).toBe(text);
      expect((await get(url)).body.toString(), url).toBe(text);
    }
    expect((await get('/reports/runs/no-such-run')).status).toBe(404);
  });

  it('caches hashed assets for a year and revalidates pages with their ETag', async () => {
    for (const url of ['/assets/js/main.0123abcd.js', '/pagefind/fragment/en_1a2b3c4.pf_fragment']) {
      expect((await get(url)).headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    const first = await get('/docs/guides');
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect((await get('/docs/guides', { 'if-none-match': etag })).status).toBe(304);
  });

  it('sends the security headers, with the build inline scripts allowed by hash', async () => {
    const { headers } = await get('/');
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' 'wasm-unsafe-eval' ${cspHash(script)};`);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("object-src 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
  });
});
