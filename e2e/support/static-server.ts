// A small static server for a Docusaurus production build that behaves like a
// production host: brotli/gzip compression, caching headers (immutable for
// hashed assets, revalidation with ETag for everything else), clean URLs for
// `trailingSlash: false`, correct content types and the site's 404 page.
// Used by the browser tests (e2e/) and by bench:pages, so the figures they
// produce are those of a real deployment, not of a dev server.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};
// Feeds get their specific types, as a host configured for them would send.
const NAMED_TYPES: Record<string, string> = {
  'rss.xml': 'application/rss+xml; charset=utf-8',
  'atom.xml': 'application/atom+xml; charset=utf-8',
};
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.webmanifest',
  '.xml',
  '.md',
  '.txt',
  '.svg',
  '.ttf',
  '.ico',
]);
const MIN_COMPRESS_BYTES = 1024;
// Content-hashed file names (webpack/rspack chunks, CSS, Pagefind's index
// chunks `pagefind/index/en_3f9a1c2.pf_index`) never change: cache forever.
const HASHED_ASSET = /^\/assets\/.*[.-][0-9a-f]{8,}\.[a-z0-9]+$|^\/pagefind\/.*_[0-9a-f]{7,}\.pf_[a-z]+$/i;
/** Search index files, which pages fetch when searching: legacy `search-index*.json`, or Pagefind's folder. */
export const SEARCH_INDEX_FILE = /(^|[/\\])search-index[^/\\]*\.json$|(^|[/\\])pagefind[/\\]/;

export type Encoding = 'br' | 'gzip' | 'identity';

export interface StaticServerOptions {
  /** The build directory (`docusaurus build --out-dir`). */
  root: string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /**
   * Compress assets and search index files at start, as a deployment that
   * precompresses would, so the first request of a measurement never pays for
   * brotli level 11. Everything else is compressed on first request and cached.
   */
  precompress?: boolean;
}

export interface StaticServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Entry {
  body: Buffer;
  etag: string;
}

export function contentTypeOf(file: string): string {
  const base = path.basename(file);
  return NAMED_TYPES[base] ?? CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function cacheControlOf(urlPath: string, file: string): string {
  if (HASHED_ASSET.test(urlPath) && !file.endsWith('.html')) return 'public, max-age=31536000, immutable';
  // Pages, feeds and the search index keep their names across deploys: revalidate (ETag).
  return 'public, max-age=0, must-revalidate';
}

/** Picks the best encoding the client accepts (br over gzip). */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/**
 * Maps a URL path to a file of the build, the way a host serving a
 * `trailingSlash: false` Docusaurus site does: `/docs/x` → `docs/x.html`,
 * falling back to `docs/x/index.html`; `/` → `index.html`.
 */
export async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const rel = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (rel.startsWith('..')) return undefined;
  const base = path.join(root, rel);
  if (base !== root && !base.startsWith(root + path.sep)) return undefined;
  const stripped = base.replace(/[\\/]+$/, '');
  const candidates =
    rel === '' || decoded.endsWith('/')
      ? [path.join(stripped, 'index.html'), `${stripped}.html`]
      : [base, `${base}.html`, path.join(base, 'index.html')];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}

async function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  }
  if (encoding === 'gzip') return gzip(body, { level: 9 });
  return body;
}

function createCache() {
  const entries = new Map<string, Promise<Entry>>();
  return (file: string, encoding: Encoding): Promise<Entry> => {
    const key = `${encoding}:${file}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = (async () => {
        const raw = await readFile(file);
        const compressible = COMPRESSIBLE.has(path.extname(file).toLowerCase()) && raw.length >= MIN_COMPRESS_BYTES;
        const body = compressible ? await compress(raw, encoding) : raw;
        const hash = createHash('sha1').update(raw).digest('base64url').slice(0, 20);
        return { body, etag: `"${hash}${compressible && encoding !== 'identity' ? `-${encoding}` : ''}"` };
      })();
      entry.catch(() => entries.delete(key));
      entries.set(key, entry);
    }
    return entry;
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const dirents = await readdir(dir, { recursive: true, withFileTypes: true });
  return dirents.filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = path.resolve(options.root);
  const indexInfo = await stat(path.join(root, 'index.html')).catch(() => undefined);
  if (!indexInfo?.isFile()) {
    throw new Error(`${root}: index.html not found — pass the output folder of a production build`);
  }
  const cached = createCache();
  if (options.precompress) {
    // What pages load: scripts, styles and the search index; mirrors and feeds are compressed on demand.
    const files = (await listFiles(root)).filter(
      (f) =>
        COMPRESSIBLE.has(path.extname(f).toLowerCase()) &&
        (f.startsWith(path.join(root, 'assets') + path.sep) || SEARCH_INDEX_FILE.test(path.relative(root, f))),
    );
    // zlib's async calls run on libuv's thread pool: a few at a time is enough.
    for (let i = 0; i < files.length; i += 8) {
      await Promise.all(files.slice(i, i + 8).flatMap((f) => [cached(f, 'br'), cached(f, 'gzip')]));
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    let file = await resolveFile(root, urlPath);
    let status = 200;
    if (!file) {
      status = 404;
      file = path.join(root, '404.html');
      if (!(await stat(file).catch(() => undefined))) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
    }
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    const compressible = COMPRESSIBLE.has(path.extname(file).toLowerCase());
    const entry = await cached(file, compressible ? encoding : 'identity');
    const encoded = compressible && encoding !== 'identity' && entry.etag.endsWith(`-${encoding}"`);
    const headers: Record<string, string | number> = {
      'Content-Type': contentTypeOf(file),
      'Cache-Control': status === 404 ? 'no-cache' : cacheControlOf(urlPath, file),
      ETag: entry.etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (compressible) headers.Vary = 'Accept-Encoding';
    if (encoded) headers['Content-Encoding'] = encoding;
    if (status === 200 && req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    headers['Content-Length'] = entry.body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : entry.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
