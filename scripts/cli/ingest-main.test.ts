import { cpSync, mkdtempSync, promises as fs, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entryFor } from '../bin/load-main.mjs';
import { main as ingestMain } from './ingest-main.ts';
import { main } from './main.ts';

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const roots: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  await Promise.all(roots.splice(0).map((r) => fs.rm(r, { recursive: true, force: true })));
});

/** Every file under `dir`, relative path → content. */
async function filesUnder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, abs)] = await fs.readFile(abs, 'utf8');
  }
  return out;
}

type Main = typeof main;
/** Runs one command line in a fresh project holding the project's targets and local fixtures: exit code, output and every file written. */
async function run(entry: Main, argv: string[]) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kb-ingest-entry-'));
  roots.push(root);
  writeFileSync(path.join(root, 'docusaurus.config.ts'), 'export default {};\n');
  cpSync(path.join(project, 'fixtures/bench-local'), path.join(root, 'in'), { recursive: true });
  cpSync(path.join(project, 'slo-targets.yaml'), path.join(root, 'slo-targets.yaml'));
  const before = new Set(Object.keys(await filesUnder(root)));
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const code = await entry(argv, { cwd: root, env: {} });
  vi.restoreAllMocks();
  const written = Object.entries(await filesUnder(root)).filter(([file]) => !before.has(file));
  const clean = (text: string) => text.replaceAll(root, '<root>');
  return { code, out: clean(out), err: clean(err), files: Object.fromEntries(written) };
}

describe('the kb ingest entry', () => {
  it('serves exactly the command lines main.ts would hand to ingest', () => {
    expect(entryFor(['ingest', 'out.json'])).toBe('ingest');
    expect(entryFor(['ingest'])).toBe('ingest');
    expect(entryFor(['ingest', 'out.json', '--help'])).toBe('main');
    expect(entryFor(['ingest', '-h'])).toBe('main');
    expect(entryFor(['--json', 'ingest', 'out.json'])).toBe('main');
    expect(entryFor(['check'])).toBe('main');
  });

  it('behaves like main.ts: output, exit code and files', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T10:00:00Z'), toFake: ['Date'] });
    const lines = [
      ['ingest', 'in/hyperfine-cli.json', '--suite', 'cli'],
      ['ingest', 'in/locust-1x_stats.csv', 'in/locust-1x_stats_history.csv', 'in/locust-1x_failures.csv', '--json'],
      ['ingest', 'in/wrk-items.txt', '--suite', 'items', '--dry-run', '--summary', '-'],
      ['ingest', 'in/missing.json'],
      ['ingest', 'in/hyperfine-cli.json', '--suite', 'Bad Suite'],
      ['ingest', 'in/hyperfine-cli.json', '--no-such-flag'],
      ['ingest'],
    ];
    const codes: number[] = [];
    for (const argv of lines) {
      const viaMain = await run(main, argv);
      const viaEntry = await run(ingestMain, argv);
      expect(viaEntry, argv.join(' ')).toEqual(viaMain);
      codes.push(viaEntry.code);
    }
    // The lines cover storing a run, a dry run with its summary, and bad input.
    expect(codes.slice(0, 3)).toEqual([0, 0, 0]);
    expect(codes.slice(3).every((code) => code !== 0)).toBe(true);
    expect(Object.keys((await run(ingestMain, lines[0]!)).files).sort()).toEqual([
      expect.stringMatching(/^benchmarks\/cli-\d{8}t\d{6}\.json$/),
      expect.stringMatching(/^reports\/runs\/cli-\d{8}t\d{6}\.html$/),
      expect.stringMatching(/^reports\/runs\/cli-\d{8}t\d{6}\.md$/),
    ]);
  });
});
