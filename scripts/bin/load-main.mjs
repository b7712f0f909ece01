// Loads the kb CLI's `main`. From precompiled esbuild bundles cached in
// node_modules/.cache/kb-cli when their inputs are unchanged (stat of each
// source file the bundle was built from), else rebuilds them; tsx from
// sources when KB_NO_BUNDLE=1 or anything about the bundle fails. Plain node
// starts a bundle several times faster than tsx compiles the sources.
//
// Four bundles: `kb adr new …`, the command people run most and time against
// adr-tools, starts from its own small one (cli/adr-new-main.ts: no command
// table, no other sub-command) and checks only the files that bundle holds;
// `kb ingest …`, run once per CI job, from one holding ingest's modules only
// (cli/ingest-main.ts: half the main bundle's size, 25-30 ms less of each
// ingest, bench:history); every other command starts from cli/main.ts. The
// fourth is not a command: the site build's benchmark views
// (report/rendered-views.ts), loaded by the thread of
// src/plugins/benchmark-views/views-thread.ts through loadEntry.
//
// Every bundle but adr new's is one CommonJS file with its packages inside, run through
// node:vm with V8's code cache: Node 20 has no compile cache for ES modules,
// and compiling the ~2 MB of modules a `kb ingest` loads was a quarter of its
// time. Each command keeps its own cache (`<command>.v8cache` beside the
// bundle), written when it is missing or V8 rejects it, so the cache holds the
// functions that command ran, not only the ones the first command ran.
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
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
const entries = {
  main: 'cli/main.ts',
  'adr-new': 'cli/adr-new-main.ts',
  ingest: 'cli/ingest-main.ts',
  views: 'report/rendered-views.ts',
};

/** Which bundle serves this command line: `adr new` and `ingest` without --help get their own; main.ts handles help. */
export function entryFor(argv) {
  if (argv.includes('--help') || argv.includes('-h')) return 'main';
  if (argv[0] === 'adr' && argv[1] === 'new') return 'adr-new';
  return argv[0] === 'ingest' ? 'ingest' : 'main';
}

/** How bundles are laid out: a manifest from another layout is rebuilt, not half-used. */
const LAYOUT = 'main-cjs-v8cache-4';
/** The main, ingest and views bundles are CommonJS (see above); adr new's stays split ES modules, tuned against adr-tools. */
const isCommonJs = (entry) => entry !== 'adr-new';
const outFile = (dir, entry) =>
  path.join(cacheDir, dir, entry, `${path.basename(entries[entry], '.ts')}.${isCommonJs(entry) ? 'cjs' : 'mjs'}`);

function freshBundle(entry) {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.root !== repoRoot || manifest.layout !== LAYOUT) return undefined;
    for (const file of manifest.entries[entry]) if (stampOf(file) !== manifest.stamps[file]) return undefined;
    return outFile(manifest.dir, entry);
  } catch {
    return undefined;
  }
}

/**
 * Modules find their files from import.meta.url: keep each one's own source URL inside the bundle. Packages
 * too (fdir, inside tinyglobby, calls createRequire(import.meta.url)): a CommonJS bundle has no import.meta.
 */
const keepMetaUrl = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const ext = path.extname(args.path);
      const loader = ext.endsWith('x') ? (ext.includes('t') ? 'tsx' : 'jsx') : ext.includes('t') ? 'ts' : 'js';
      if (!text.includes('import.meta')) return { contents: text, loader };
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader };
    });
  },
};

// adr new's bundle holds its pure-JS dependencies too (one file read instead of a hundred small
// CommonJS modules); any other package stays external and loads from node_modules as usual.
const inlined = new Set(['yaml', 'handlebars', 'source-map', 'citty', 'zod']);
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    // `#name`: a package's own subpath import (vfile's `#minpath`), resolved by esbuild inside that package.
    build.onResolve({ filter: /^[^./#]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return inlined.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/** core/import-url.cjs stays a file of its own, run by node's CommonJS loader (see its header). */
const importUrlOutside = {
  name: 'import-url-outside',
  setup(build) {
    build.onResolve({ filter: /import-url\.cjs$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path),
      external: true,
    }));
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
      const common = {
        absWorkingDir: repoRoot,
        entryPoints: [path.join(scriptsDir, source)],
        bundle: true,
        platform: 'node',
        target: 'node20',
        metafile: true,
        logLevel: 'silent',
      };
      const result = isCommonJs(entry)
        ? // One file, every package inside: run from its code cache, nothing is left to compile or resolve.
          // Whitespace and comments out, names kept (stack traces, and packages that read a function's name);
          // non-ASCII escaped, so the bundle can be read as latin1, without decoding UTF-8.
          // No import() in it: on Node 20 an import() in a script compiled from code cache fails. esbuild turns
          // import() of a bundled module or a node builtin into require(); an ES module by URL goes through
          // core/import-url.cjs, kept outside the bundle.
          await build({
            ...common,
            format: 'cjs',
            outfile: outFile(dir, entry),
            minifyWhitespace: true,
            minifySyntax: true,
            charset: 'ascii',
            supported: { 'dynamic-import': false },
            plugins: [importUrlOutside, keepMetaUrl],
          })
        : await build({
            ...common,
            splitting: true,
            format: 'esm',
            banner: {
              js: "import { createRequire as kbCreateRequire } from 'node:module'; const require = kbCreateRequire(import.meta.url);",
            },
            outdir: path.join(cacheDir, dir, entry),
            // .mjs: node knows the format from the name instead of scanning the source for ESM syntax.
            outExtension: { '.js': '.mjs' },
            chunkNames: 'chunks/[name]-[hash]',
            plugins: [externalPackages, keepMetaUrl],
          });
      // This file too: how a bundle is built and run changes with it.
      inputsOf[entry] = [
        ...Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules')),
        path.relative(repoRoot, fileURLToPath(import.meta.url)),
      ];
      for (const file of inputsOf[entry]) stamps[file] ??= stampOf(file);
    }),
  );
  const temp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ root: repoRoot, layout: LAYOUT, dir, entries: inputsOf, stamps }));
  renameSync(temp, manifestFile);
  // Older builds another kb process may still be loading are left alone for an hour.
  for (const old of readdirSync(cacheDir)) {
    const abs = path.join(cacheDir, old);
    if (old.startsWith('build-') && old !== dir && Date.now() - statSync(abs).mtimeMs > 3_600_000)
      rmSync(abs, { recursive: true, force: true });
  }
  return dir;
}

/** The code cache of one command: its first word, or `help`. */
export function codeCacheName(argv) {
  const command = /^[a-z][a-z-]*$/.test(argv[0] ?? '') ? argv[0] : 'help';
  return `${command}.v8cache`;
}

/** Code caches still to be written (see writeCodeCaches). */
const unwritten = new Set();

/**
 * Writes the code caches of the bundles run so far that had none, now: for a worker thread, which is stopped
 * when it is done and so reaches neither `exit` nor the timer of runWithCodeCache.
 */
export function writeCodeCaches() {
  for (const write of unwritten) write();
  unwritten.clear();
}

/**
 * Runs a CommonJS bundle through node:vm with V8's code cache for this command line, and returns its exports.
 * The cache is written at exit, after the command ran, so it holds every function the command compiled; a
 * command still running after `writeAfterMs` (`kb mcp`, which its client ends with a signal, never reaching
 * exit) writes it then.
 */
export function runWithCodeCache(file, argv, { writeAfterMs = 3000, cacheName = codeCacheName(argv) } = {}) {
  const cacheFile = path.join(path.dirname(file), cacheName);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // esbuild writes non-ASCII as escapes, except in some regular expression literals (`/±/`): read an ASCII
  // bundle as latin1 (a one-byte string, no UTF-8 decoding), any other as UTF-8.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        // A cache that cannot be written only costs the next run its compile time.
      }
    };
    process.once('exit', write);
    setTimeout(write, writeAfterMs).unref();
    unwritten.add(write);
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

/** The `main(argv, context)` that serves this command line. */
export async function loadMain(argv = []) {
  return loadEntry(entryFor(argv), argv);
}

/**
 * The exports of one bundle (`main`, `adr-new`, `ingest` or `views`): from its cache, built first when its sources changed,
 * or from the sources through tsx when that fails. `argv` names the command whose code cache is used.
 */
export async function loadEntry(entry, argv = []) {
  if (process.env.KB_NO_BUNDLE !== '1') {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const file = freshBundle(entry) ?? outFile(await buildBundles(), entry);
      if (!isCommonJs(entry)) return await import(pathToFileURL(file).href);
      return runWithCodeCache(file, argv, entry === 'main' ? {} : { cacheName: `${entry}.v8cache` });
    } catch (error) {
      if (process.env.KB_DEBUG) process.stderr.write(`kb: bundle unavailable, running from sources: ${error}\n`);
      rmSync(manifestFile, { force: true });
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(scriptsDir, entries[entry])).href);
}
