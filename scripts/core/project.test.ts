import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { findProjectRoot } from './project.ts';

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

function tempKb(): { root: string; sub: string } {
  root = mkdtempSync(path.join(os.tmpdir(), 'kb-root-'));
  writeFileSync(path.join(root, 'docusaurus.config.ts'), 'export default {};\n');
  const sub = path.join(root, 'docs', 'guides');
  mkdirSync(sub, { recursive: true });
  return { root, sub };
}

describe('findProjectRoot', () => {
  it('walks up to the folder with docusaurus.config.ts', () => {
    const kb = tempKb();
    expect(findProjectRoot(kb.sub)).toBe(kb.root);
  });

  it('takes --root relative to the start folder', () => {
    const kb = tempKb();
    expect(findProjectRoot(kb.sub, '../..')).toBe(kb.root);
  });

  it('says how to fix a folder outside any knowledge base', () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'kb-noroot-'));
    expect(() => findProjectRoot(root)).toThrowError(/no knowledge base found/);
  });
});

describe('every command works on the project root, not the working folder', () => {
  it('kb adr new from a sub-folder writes into the project adr/', async () => {
    const kb = tempKb();
    const code = await main(['adr', 'new', 'Use a root finder'], { cwd: kb.sub, env: process.env });
    expect(code).toBe(0);
    expect(readdirSync(path.join(kb.root, 'adr'))).toContain('0001-use-a-root-finder.md');
    expect(existsSync(path.join(kb.sub, 'adr'))).toBe(false);
  });

  it('kb check from a sub-folder checks the whole project', async () => {
    const kb = tempKb();
    writeFileSync(path.join(kb.root, 'docs', 'broken.md'), '---\ntitle: [unclosed\n---\n# x\n');
    const code = await main(['check', '--json'], { cwd: kb.sub, env: process.env });
    expect(code).toBe(1);
  });
});
