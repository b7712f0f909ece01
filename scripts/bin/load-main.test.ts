import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  promises as fs,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { codeCacheName } from './load-main.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** A CommonJS "bundle" and a runner that loads it the way kb.mjs loads the main bundle. */
function fixture(): { dir: string; run: (...argv: string[]) => string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-code-cache-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'other.mjs'), 'export const answer = 42;\n');
  writeFileSync(
    path.join(dir, 'main.cjs'),
    [
      "const path = require('node:path');",
      'exports.main = async (argv) => {',
      // An ES module by URL through core/import-url.cjs: what the Mermaid check does from inside the bundle.
      `  const importUrl = require(${JSON.stringify(path.join(here, '../core/import-url.cjs'))});`,
      "  const { answer } = await importUrl(require('node:url').pathToFileURL(path.join(__dirname, 'other.mjs')).href);",
      // A non-ASCII regular expression literal, which esbuild leaves as it is (scripts/ingest/generic.ts has one).
      "  if (argv[1] !== undefined && !/^(?:±|\\+-)\\s*3$/.test(argv[1])) return 'the bundle was decoded wrongly';",
      "  return [argv[0], answer, path.basename(__filename)].join(':');",
      '};',
    ].join('\n'),
  );
  const runner = path.join(dir, 'runner.mjs');
  writeFileSync(
    runner,
    [
      `import { runWithCodeCache } from ${JSON.stringify(pathToFileURL(path.join(here, 'load-main.mjs')).href)};`,
      'const argv = process.argv.slice(2);',
      `const { main } = runWithCodeCache(${JSON.stringify(path.join(dir, 'main.cjs'))}, argv);`,
      'process.stdout.write(await main(argv));',
    ].join('\n'),
  );
  return { dir, run: (...argv) => execFileSync(process.execPath, [runner, ...argv], { encoding: 'utf8' }) };
}

describe('codeCacheName', () => {
  it('is one cache per command, and `help` for anything that is not a command name', () => {
    expect(codeCacheName(['ingest', 'a.json'])).toBe('ingest.v8cache');
    expect(codeCacheName(['adr', 'list'])).toBe('adr.v8cache');
    expect(codeCacheName([])).toBe('help.v8cache');
    expect(codeCacheName(['--help'])).toBe('help.v8cache');
    expect(codeCacheName(['../../etc'])).toBe('help.v8cache');
  });
});

describe('runWithCodeCache', () => {
  it('runs a CommonJS bundle (require, __filename, an ES module by URL) and writes its cache once', () => {
    const { dir, run } = fixture();
    expect(run('ingest', '± 3')).toBe('ingest:42:main.cjs');
    const cache = path.join(dir, 'ingest.v8cache');
    const first = statSync(cache);
    expect(first.size).toBeGreaterThan(0);
    // Used, not written again, by the next run of the same command; another command gets its own.
    expect(run('ingest')).toBe('ingest:42:main.cjs');
    expect(statSync(cache).mtimeMs).toBe(first.mtimeMs);
    expect(run('check')).toBe('check:42:main.cjs');
    expect(statSync(path.join(dir, 'check.v8cache')).size).toBeGreaterThan(0);
  });

  it('writes the cache of a command that is still running (kb mcp is ended by a signal, never reaching exit)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-code-cache-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'main.cjs'), 'exports.main = () => new Promise(() => setInterval(() => {}, 1000));\n');
    const runner = path.join(dir, 'runner.mjs');
    writeFileSync(
      runner,
      [
        `import { runWithCodeCache } from ${JSON.stringify(pathToFileURL(path.join(here, 'load-main.mjs')).href)};`,
        `const { main } = runWithCodeCache(${JSON.stringify(path.join(dir, 'main.cjs'))}, ['mcp'], { writeAfterMs: 100 });`,
        'await main();',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [runner], { stdio: 'ignore' });
    try {
      const cache = path.join(dir, 'mcp.v8cache');
      for (let i = 0; i < 100 && !existsSync(cache); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(cache)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('runs from the source when the cache is not V8 code cache, and writes a good one', () => {
    const { dir, run } = fixture();
    const cache = path.join(dir, 'ingest.v8cache');
    writeFileSync(cache, 'not a code cache');
    expect(run('ingest')).toBe('ingest:42:main.cjs');
    expect(readFileSync(cache, 'utf8')).not.toBe('not a code cache');
    expect(run('ingest')).toBe('ingest:42:main.cjs');
  });
});

describe('kb.mjs', () => {
  it('runs commands from the main bundle, not from the tsx fallback', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'kb-bundle-'));
    dirs.push(root);
    writeFileSync(path.join(root, 'docusaurus.config.ts'), 'export default {};\n');
    // KB_DEBUG reports a bundle that failed to build or load; without it the command would still work (from tsx).
    const result = spawnSync(process.execPath, [path.join(here, 'kb.mjs'), 'kinds'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, KB_DEBUG: '1' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('runbook');
    expect(result.stderr).not.toContain('bundle unavailable');
  });

  it('runs kb ingest from its own bundle, with its own code cache', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'kb-bundle-'));
    dirs.push(root);
    writeFileSync(path.join(root, 'docusaurus.config.ts'), 'export default {};\n');
    const project = path.resolve(here, '../..');
    writeFileSync(path.join(root, 'slo-targets.yaml'), readFileSync(path.join(project, 'slo-targets.yaml')));
    const input = path.join(project, 'fixtures/bench-local/hyperfine-cli.json');
    const result = spawnSync(
      process.execPath,
      [path.join(here, 'kb.mjs'), 'ingest', input, '--suite', 'cli', '--dry-run'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, KB_DEBUG: '1' },
      },
    );
    expect(result.stderr).not.toContain('bundle unavailable');
    expect(result.status).toBe(0);
    const cacheDir = path.join(project, 'node_modules/.cache/kb-cli');
    const manifests = readdirSync(cacheDir).map((key) => path.join(cacheDir, key, 'manifest.json'));
    const manifest = manifests
      .filter((file) => existsSync(file))
      .map((file) => ({ file, ...JSON.parse(readFileSync(file, 'utf8')) }))
      .find((m) => m.root === project);
    expect(manifest?.entries.ingest).toContain('scripts/cli/ingest-main.ts');
    expect(existsSync(path.join(path.dirname(manifest.file), manifest.dir, 'ingest/ingest.v8cache'))).toBe(true);
  });

  it('kb check parses Mermaid from the bundle, when its code cache is written and when it is used', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'kb-bundle-'));
    dirs.push(root);
    writeFileSync(path.join(root, 'docusaurus.config.ts'), 'export default {};\n');
    mkdirSync(path.join(root, 'docs'));
    // Mermaid's parser is an ES module loaded by URL; on Node 20 import() from code-cached code fails.
    const diagram = (n: number) => `\`\`\`mermaid\nsequenceDiagram\n  A->>${n}\n  (((\n\`\`\`\n`;
    const page = (n: number) => `---\ntitle: X\ndescription: Y\n---\n\n# X\n\n${diagram(n)}`;
    for (const n of [Date.now(), Date.now() + 1]) {
      // A new diagram each time: kb check remembers the verdicts of diagrams it parsed.
      writeFileSync(path.join(root, 'docs/x.md'), page(n));
      const result = spawnSync(process.execPath, [path.join(here, 'kb.mjs'), 'check'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, KB_DEBUG: '1' },
      });
      expect(result.stderr).not.toContain('bundle unavailable');
      expect(result.stdout).toContain('Mermaid cannot parse the diagram');
    }
  });
});
