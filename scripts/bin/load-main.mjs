// Loads the kb CLI's `main`. From precompiled esbuild bundles cached in
// node_modules/.cache/kb-cli when their inputs are unchanged (stat of each
// source file the bundle was built from), else rebuilds them; tsx from
// sources when KB_NO_BUNDLE=1 or anything about the bundle fails. Plain node
// starts a bundle several times faster than tsx compiles the sources.
//
// Two bundles: `kb adr new …`, the command people run most and time against
// adr-tools, starts from its own small one (cli/adr-new-main.ts: no command
// table, no other sub-command) and checks only the files that bundle holds;
// every other command starts from cli/main.ts.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fnv1aHex } from '../core/fnv1a.mjs';

const scriptsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.dirname(scriptsDir);
// One cache per checkout, even when several share node_modules through a symlink.
// FNV-1a of the path, not node:crypto: loading crypto alone cost kb adr new ~10 ms.
const checkoutKey = fnv1aHex(repoRoot);
const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'kb-cli', checkoutKey);
const manifestFile = path.join(cacheDir, 'manifest.json');
const stampOf = (file) => {
  const st = statSync(path.join(repoRoot, file));
  return `${st.size}:${st.mtimeMs}`;
};

/** Each bundle's entry source, relative to scripts/. */
const entries = { main: 'cli/main.ts', 'adr-new': 'cli/adr-new-main.ts' };

/** Which bundle serves this command line: `adr new` without --help gets its own; main.ts handles help. */
export function entryFor(argv) {
  return argv[0] === 'adr' && argv[1] === 'new' && !argv.includes('--help') && !argv.includes('-h')
    ? 'adr-new'
    : 'main';
}

const outFile = (dir, entry) => path.join(cacheDir, dir, entry, `${path.basename(entries[entry], '.ts')}.mjs`);

function freshBundle(entry) {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.root !== repoRoot) return undefined;
    for (const file of manifest.entries[entry]) if (stampOf(file) !== manifest.stamps[file]) return undefined;
    return outFile(manifest.dir, entry);
  } catch {
    return undefined;
  }
}

/** Modules find their files from import.meta.url: keep each one's own source URL inside the bundle. */
const keepMetaUrl = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      const url = JSON.stringify(pathToFileURL(args.path).href);
      const text = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', url)
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents: text, loader: 'ts' };
    });
  },
};

// Pure-JS dependencies of the everyday commands are bundled in too (one file
// read instead of a hundred small CommonJS modules); every other package
// stays external and loads from node_modules as usual.
const inlined = new Set(['yaml', 'handlebars', 'source-map', 'citty', 'zod']);
// The unified family (remark, rehype, micromark and their small helpers), which turns a run page into HTML
// at every `kb ingest`: about 200 ES modules, whose loading was 100 ms of an ingest's 450.
const unifiedFamily =
  /^(unified|bail|trough|extend|is-plain-obj|devlop|vfile(-.+)?|unist-.+|mdast-.+|micromark(-.+)?|remark-.+|rehype-.+|hast-.+|hastscript|decode-named-character-reference|character-entities(-.+)?|character-reference-invalid|is-(alphabetical|alphanumerical|decimal|hexadecimal)|property-information|space-separated-tokens|comma-separated-tokens|zwitch|html-void-elements|stringify-entities|ccount|markdown-table|longest-streak|trim-lines|escape-string-regexp|web-namespaces|html-url-attributes|parse-entities)$/;
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    // `#name`: a package's own subpath import (vfile's `#minpath`), resolved by esbuild inside that package.
    build.onResolve({ filter: /^[^./#]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return inlined.has(name) || unifiedFamily.test(name) ? undefined : { path: args.path, external: true };
    });
  },
};

async function buildBundles() {
  const { build } = await import('esbuild');
  const dir = `build-${process.pid}-${Date.now().toString(36)}`;
  const stamps = {};
  const inputsOf = {};
  // Each entry is split on its own: a shared build would cut adr new's code
  // into more chunks, and every chunk is one more module for node to load.
  await Promise.all(
    Object.entries(entries).map(async ([entry, source]) => {
      const result = await build({
        absWorkingDir: repoRoot,
        entryPoints: [path.join(scriptsDir, source)],
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        banner: {
          js: "import { createRequire as kbCreateRequire } from 'node:module'; const require = kbCreateRequire(import.meta.url);",
        },
        outdir: path.join(cacheDir, dir, entry),
        // .mjs: node knows the format from the name instead of scanning the source for ESM syntax.
        outExtension: { '.js': '.mjs' },
        chunkNames: 'chunks/[name]-[hash]',
        metafile: true,
        logLevel: 'silent',
        plugins: [externalPackages, keepMetaUrl],
      });
      inputsOf[entry] = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules'));
      for (const file of inputsOf[entry]) stamps[file] ??= stampOf(file);
    }),
  );
  const temp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ root: repoRoot, dir, entries: inputsOf, stamps }));
  renameSync(temp, manifestFile);
  // Older builds another kb process may still be loading are left alone for an hour.
  for (const old of readdirSync(cacheDir)) {
    const abs = path.join(cacheDir, old);
    if (old.startsWith('build-') && old !== dir && Date.now() - statSync(abs).mtimeMs > 3_600_000)
      rmSync(abs, { recursive: true, force: true });
  }
  return dir;
}

/** The `main(argv, context)` that serves this command line. */
export async function loadMain(argv = []) {
  const entry = entryFor(argv);
  if (process.env.KB_NO_BUNDLE !== '1') {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const file = freshBundle(entry) ?? outFile(await buildBundles(), entry);
      return await import(pathToFileURL(file).href);
    } catch (error) {
      if (process.env.KB_DEBUG) process.stderr.write(`kb: bundle unavailable, running from sources: ${error}\n`);
      rmSync(manifestFile, { force: true });
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(scriptsDir, entries[entry])).href);
}
