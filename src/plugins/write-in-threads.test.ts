import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatRunPageHtml } from '../../scripts/report/run-page-format.ts';
import { NotARunPageError, writeInThreads } from './write-in-threads.ts';

describe('writeInThreads', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-write-threads-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const page = (url: string, article: string) =>
    formatRunPageHtml(
      {
        url,
        source: `${url.slice(1)}.md`,
        frontMatter: {
          title: 't',
          description: 'd',
          kind: 'benchmark-report',
          date: '2026-11-01',
          suite: 'api',
          run: 'r',
          tags: [],
        },
      },
      article,
    );

  it('writes every file from its parts, spread over two threads: text, bytes, shared pieces and stored articles', async () => {
    await fs.writeFile(path.join(dir, 'stored.html'), `${page('/reports/runs/r', '<p>ü — 5 µs</p>')}\n \t\r\n`);
    const shared = [Buffer.from('<main>'), Buffer.from('</main>')];
    const jobs = Array.from({ length: 1200 }, (_, i) => ({
      file: path.join(dir, 'out', `f${i}.html`),
      parts: [0, `«${i}»`, Buffer.from('·'), { article: path.join(dir, 'stored.html'), url: '/reports/runs/r' }, 1],
    }));
    await fs.mkdir(path.join(dir, 'out'));
    expect(await writeInThreads(jobs, shared)).toEqual({ count: 1200, deferred: [] });
    expect(await fs.readFile(path.join(dir, 'out/f0.html'), 'utf8')).toBe('<main>«0»·<p>ü — 5 µs</p></main>');
    expect(await fs.readFile(path.join(dir, 'out/f1199.html'), 'utf8')).toBe('<main>«1199»·<p>ü — 5 µs</p></main>');
    expect((await fs.readdir(path.join(dir, 'out'))).length).toBe(1200);
  });

  it('writes stored articles of any size, several to a file, whole and in their own order', async () => {
    const big = `<p>${'ß'.repeat(200_000)}</p>`; // 400 KB: more than one read buffer
    await fs.writeFile(path.join(dir, 'a.html'), page('/reports/runs/a', '<p>a</p>'));
    await fs.writeFile(path.join(dir, 'b.html'), page('/reports/runs/b', big));
    const a = { article: path.join(dir, 'a.html'), url: '/reports/runs/a' };
    const b = { article: path.join(dir, 'b.html'), url: '/reports/runs/b' };
    const jobs = [
      { file: path.join(dir, 'ab.html'), parts: [a, '|', b] },
      { file: path.join(dir, 'ba.html'), parts: [b, a] },
      { file: path.join(dir, 'a-only.html'), parts: [a] },
      { file: path.join(dir, 'empty.html'), parts: [''] },
    ];
    await writeInThreads(jobs);
    expect(await fs.readFile(path.join(dir, 'ab.html'), 'utf8')).toBe(`<p>a</p>|${big}`);
    expect(await fs.readFile(path.join(dir, 'ba.html'), 'utf8')).toBe(`${big}<p>a</p>`);
    expect(await fs.readFile(path.join(dir, 'a-only.html'), 'utf8')).toBe('<p>a</p>');
    expect(await fs.readFile(path.join(dir, 'empty.html'), 'utf8')).toBe('');
  });

  it('appends a stored Markdown body as its mirror shows it, and hands back, unwritten, one it would rewrite', async () => {
    await fs.writeFile(path.join(dir, 'plain.md'), '---\ntitle: t\n---\n\n\nü — body\n\n## Summary\n \t\n');
    await fs.writeFile(path.join(dir, 'linked.md'), '---\ntitle: t\n---\n\nSee [x](../x.md).\n');
    const jobs = Array.from({ length: 1100 }, (_, i) => ({
      file: path.join(dir, `m${i}.md`),
      parts: ['# head\n\n', { mirrorBody: path.join(dir, i % 500 === 7 ? 'linked.md' : 'plain.md') }],
    }));
    const { count, deferred } = await writeInThreads(jobs);
    expect(deferred.map((job) => path.basename(job.file)).sort()).toEqual(['m1007.md', 'm507.md', 'm7.md']);
    expect(deferred[0]!.parts).toEqual(jobs[7]!.parts);
    expect(count).toBe(1097);
    expect(await fs.readFile(path.join(dir, 'm0.md'), 'utf8')).toBe('# head\n\nü — body\n\n## Summary\n');
    const written = await fs.readdir(dir);
    expect(written).not.toContain('m7.md');
    expect(written.filter((name) => /^m\d+\.md$/.test(name))).toHaveLength(1097);
  });

  it('makes a folder first when asked, and writes nothing for no jobs', async () => {
    expect(await writeInThreads([])).toEqual({ count: 0, deferred: [] });
    await writeInThreads([{ file: path.join(dir, 'a/b/index.html'), parts: ['x'], mkdir: true }]);
    expect(await fs.readFile(path.join(dir, 'a/b/index.html'), 'utf8')).toBe('x');
  });

  it('rejects naming a stored page that is not the run page it was listed as', async () => {
    await fs.writeFile(path.join(dir, 'other.html'), page('/reports/runs/other', '<p>x</p>'));
    await fs.writeFile(path.join(dir, 'plain.html'), '<p>hand-written</p>\n');
    for (const name of ['other.html', 'plain.html']) {
      const job = {
        file: path.join(dir, 'out.html'),
        parts: [{ article: path.join(dir, name), url: '/reports/runs/r' }],
      };
      const error = await writeInThreads([job]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotARunPageError);
      expect((error as NotARunPageError).file).toBe(path.join(dir, name));
    }
  });

  it('rejects with the file-system error naming the file, once every thread has stopped', async () => {
    const jobs = Array.from({ length: 1000 }, (_, i) => ({
      file: path.join(dir, i === 10 ? 'missing/x.html' : `f${i}.html`),
      parts: ['x'],
    }));
    await expect(writeInThreads(jobs)).rejects.toThrow(/ENOENT.*missing\/x\.html/);
    // The thread that failed wrote nothing after the failure: its share is every other file, from 0.
    const written = new Set(await fs.readdir(dir));
    expect(written.has('f12.html')).toBe(false);
  });
});
