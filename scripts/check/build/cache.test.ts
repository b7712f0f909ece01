import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from './cache.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kb-check-cache-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('openCache', () => {
  it('keeps a result by namespace and text across runs', () => {
    const first = openCache(dir, 'v1');
    expect(first.get('mdx', 'text')).toBeUndefined();
    first.set('mdx', 'text', { error: 'x' });
    first.save();
    const second = openCache(dir, 'v1');
    expect(second.get('mdx', 'text')).toEqual({ error: 'x' });
    expect(second.get('mermaid', 'text')).toBeUndefined();
    expect(second.get('mdx', 'other text')).toBeUndefined();
  });

  it('forgets everything when the tool versions change, and drops the old file on save', async () => {
    const first = openCache(dir, 'mdx@1');
    first.set('mdx', 'text', null);
    first.save();
    const second = openCache(dir, 'mdx@2');
    expect(second.get('mdx', 'text')).toBeUndefined();
    second.set('mdx', 'other', null);
    second.save();
    expect(await readdir(dir)).toHaveLength(1);
    expect(openCache(dir, 'mdx@1').get('mdx', 'text')).toBeUndefined();
  });

  it('writes nothing when nothing was computed', async () => {
    openCache(dir, 'v1').save();
    expect(await readdir(dir)).toEqual([]);
  });

  it('treats a corrupt file as an empty cache', async () => {
    const c = openCache(dir, 'v1');
    c.set('a', 'b', 1);
    c.save();
    const [file] = await readdir(dir);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, file!), '{not json');
    expect(openCache(dir, 'v1').get('a', 'b')).toBeUndefined();
  });
});
