import { mkdtempSync, promises as fs, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entryFor } from '../bin/load-main.mjs';
import { main as adrNewMain } from './adr-new-main.ts';
import { main } from './main.ts';

const roots: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await Promise.all(roots.splice(0).map((r) => fs.rm(r, { recursive: true, force: true })));
});

function tempKb(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kb-fast-'));
  writeFileSync(path.join(root, 'docusaurus.config.ts'), 'export default {};\n');
  roots.push(root);
  return root;
}

type Main = typeof main;
/** Runs one command line in a fresh project: exit code, output and every file it wrote. */
async function run(entry: Main, argv: string[]) {
  const root = tempKb();
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const code = await entry(argv, { cwd: root, env: process.env });
  vi.restoreAllMocks();
  const dir = path.join(root, 'adr');
  const files: Record<string, string> = {};
  for (const name of (await fs.readdir(dir).catch(() => [] as string[])).sort())
    files[name] = await fs.readFile(path.join(dir, name), 'utf8');
  return { code, out: out.replaceAll(root, '<root>'), err: err.replaceAll(root, '<root>'), files };
}

describe('the kb adr new entry', () => {
  it('serves exactly the command lines main.ts would hand to adr new', () => {
    expect(entryFor(['adr', 'new', 'Title'])).toBe('adr-new');
    expect(entryFor(['adr', 'new'])).toBe('adr-new');
    expect(entryFor(['adr', 'new', 'Title', '--help'])).toBe('main');
    expect(entryFor(['adr', 'new', '-h'])).toBe('main');
    expect(entryFor(['adr', 'list'])).toBe('main');
    expect(entryFor(['new', 'adr', 'Title'])).toBe('main');
    expect(entryFor(['--json', 'adr', 'new', 'Title'])).toBe('main');
    expect(entryFor([])).toBe('main');
  });

  it('behaves like main.ts: output, exit code and files', async () => {
    vi.stubEnv('KB_TODAY', '2026-02-03');
    const lines = [
      ['adr', 'new', 'Use Redis Cluster for L2 cache', '--tag', 'cache,redis', '--decision-maker', 'Platform team'],
      ['adr', 'new', 'Hostile: "quotes" #hash {x} <y>', '--json'],
      ['adr', 'new', 'Plan only', '--dry-run', '--status', 'accepted'],
      ['adr', 'new', '../../etc/passwd'],
      ['adr', 'new', 'Bad status', '--status', 'rejected'],
      ['adr', 'new', 'Bad link', '--link', 'x:amends'],
      ['adr', 'new', 'Missing', '--supersedes', '9'],
    ];
    const codes: number[] = [];
    for (const argv of lines) {
      const viaMain = await run(main, argv);
      const viaEntry = await run(adrNewMain, argv);
      expect(viaEntry, argv.join(' ')).toEqual(viaMain);
      codes.push(viaEntry.code);
    }
    // The lines cover success, dry run, usage errors and failures.
    expect(codes).toEqual([0, 0, 0, 2, 2, 2, 1]);
  });
});
