import { mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCached } from './template-cache.ts';

let dir: string;
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const options = { strict: true, noEscape: true };

describe('compileCached', () => {
  it('renders like Handlebars.compile, and a second call reads the stored precompiled spec', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kb-tpl-'));
    const source = '# {{title}}\n{{#each related}}\n* {{{this}}}\n{{/each}}\n';
    const view = { title: 'A <b> & {c}', related: ['one', 'two'] };
    const first = await compileCached(source, options, dir);
    expect(first(view)).toBe(Handlebars.create().compile(source, options)(view));
    const [entry] = await fs.readdir(dir);
    expect(entry).toMatch(/\.json$/);
    // Swap in another template's spec: only a cache hit can render it.
    const stored = JSON.parse(await fs.readFile(path.join(dir, entry!), 'utf8'));
    stored.spec = Handlebars.precompile('from the cache: {{title}}', { ...options });
    await fs.writeFile(path.join(dir, entry!), JSON.stringify(stored));
    expect((await compileCached(source, options, dir))(view)).toBe('from the cache: A <b> & {c}');
  });

  it('an edited template gets its own entry; strict mode still rejects unknown values', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kb-tpl-'));
    expect((await compileCached('v1 {{title}}', options, dir))({ title: 'x' })).toBe('v1 x');
    expect((await compileCached('v2 {{title}}', options, dir))({ title: 'x' })).toBe('v2 x');
    expect(await fs.readdir(dir)).toHaveLength(2);
    const strict = await compileCached('{{missing}}', options, dir);
    expect(() => strict({ title: 'x' })).toThrow(/missing/);
  });

  it('works without a writable cache and reports parse errors', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kb-tpl-'));
    const blocked = path.join(dir, 'file');
    await fs.writeFile(blocked, '');
    expect((await compileCached('ok {{title}}', options, path.join(blocked, 'sub')))({ title: 'x' })).toBe('ok x');
    await expect(compileCached('{{#each}', options, dir)).rejects.toThrow(/Parse error/);
  });
});
