import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { CSP_HASH_FILE, cspHash, inlineScripts, pageWideAssets, prepareSite, renderCspHashConf } from './prepare.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('inlineScripts', () => {
  it('keeps the scripts a browser runs and skips external ones and data blocks', () => {
    const html = [
      '<script>a()</script>',
      '<script src="/x.js"></script>',
      '<script type="application/ld+json">{"@type":"x"}</script>',
      '<script type="module">b()</script>',
      '<script data-rh=true type="text/javascript">c()</script>',
      "<script type='text/x-template'>d</script>",
    ].join('');
    expect(inlineScripts(html)).toEqual(['a()', 'b()', 'c()']);
  });
});

describe('cspHash', () => {
  it('is the base64 sha256 a browser computes for the exact script text', () => {
    // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    expect(cspHash('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
  });
});

describe('renderCspHashConf', () => {
  it('defines one sorted, de-duplicated list for nginx', () => {
    const conf = renderCspHashConf(["'sha256-b'", "'sha256-a'", "'sha256-b'"]);
    expect(conf).toContain(`map $scheme $kb_csp_script_hashes { default "'sha256-a' 'sha256-b'"; }`);
  });
});

describe('pageWideAssets', () => {
  it('lists the scripts and styles the home page names', () => {
    const html =
      '<link rel="stylesheet" href="/assets/css/styles.0a1b2c3d.css"><script>var e=["/assets/js/main.1234abcd.js"]</script><a href="/docs">x</a>';
    expect([...pageWideAssets(html)].sort()).toEqual([
      '/assets/css/styles.0a1b2c3d.css',
      '/assets/js/main.1234abcd.js',
    ]);
  });
});

describe('prepareSite', () => {
  it('writes brotli and gzip copies of compressible files and the hash file, and skips small or binary ones', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kb-prepare-'));
    const page = `<!doctype html><script>start()</script>${'<p>words words words</p>'.repeat(100)}`;
    await mkdir(path.join(dir, 'pagefind'), { recursive: true });
    await writeFile(path.join(dir, 'index.html'), page);
    await writeFile(path.join(dir, 'small.txt'), 'tiny');
    await writeFile(path.join(dir, 'pagefind/en_1234567.pf_fragment'), Buffer.alloc(4096, 1));

    const summary = await prepareSite(dir);
    expect(brotliDecompressSync(await readFile(path.join(dir, 'index.html.br'))).toString()).toBe(page);
    expect(gunzipSync(await readFile(path.join(dir, 'index.html.gz'))).toString()).toBe(page);
    const exists = async (f: string) => Boolean(await stat(path.join(dir!, f)).catch(() => undefined));
    expect(await exists('small.txt.br')).toBe(false);
    expect(await exists('pagefind/en_1234567.pf_fragment.gz')).toBe(false);
    expect(await readFile(path.join(dir, CSP_HASH_FILE), 'utf8')).toContain(cspHash('start()'));
    expect(summary).toMatchObject({ compressed: 1, scriptHashes: 1 });

    // Again: the copies are not compressed a second time.
    expect((await prepareSite(dir)).files).toBe(summary.files);
    expect(await exists('index.html.br.br')).toBe(false);
  });

  it('leaves run pages and their Markdown copies uncompressed (nginx gzips them), hashing their scripts once', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kb-prepare-'));
    await mkdir(path.join(dir, 'reports/runs'), { recursive: true });
    const page = (script: string) => `<!doctype html><script>${script}</script>${'<p>words words</p>'.repeat(100)}`;
    await writeFile(path.join(dir, 'index.html'), page('home()'));
    for (const id of ['a', 'b']) {
      await writeFile(path.join(dir, `reports/runs/${id}.html`), page('frame()'));
      await writeFile(path.join(dir, `reports/runs/${id}.md`), `# ${id}\n${'row | '.repeat(400)}`);
    }
    const summary = await prepareSite(dir);
    expect((await readdir(path.join(dir, 'reports/runs'))).sort()).toEqual(['a.html', 'a.md', 'b.html', 'b.md']);
    const hashes = await readFile(path.join(dir, CSP_HASH_FILE), 'utf8');
    expect(hashes).toContain(cspHash('frame()'));
    expect(summary).toMatchObject({ compressed: 1, scriptHashes: 2 });
  });

  it('refuses a folder that is not a build', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kb-prepare-'));
    await expect(prepareSite(dir)).rejects.toThrow(/index\.html not found/);
  });
});
