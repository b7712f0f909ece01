// Loads the kb CLI's `main`. From a precompiled esbuild bundle cached in
// node_modules/.cache/kb-cli when its inputs are unchanged (stat of each
// source file the bundle was built from), else rebuilds it; tsx from sources
// when KB_NO_BUNDLE=1 or anything about the bundle fails. Plain node starts
// the bundle several times faster than tsx compiles the sources.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const scriptsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.dirname(scriptsDir);
// One cache per checkout, even when several share node_modules through a symlink.
// FNV-1a of the path, not node:crypto: loading crypto alone cost kb adr new ~10 ms.
let fnv = 0x811c9dc5;
for (let i = 0; i < repoRoot.length; i++) fnv = Math.imul(fnv ^ repoRoot.charCodeAt(i), 0x01000193);
const checkoutKey = (fnv >>> 0).toString(16).padStart(8, '0');
const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'kb-cli', checkoutKey);
const manifestFile = path.join(cacheDir, 'manifest.json');
const stampOf = (file) => {
  const st = statSync(path.join(repoRoot, file));
  return `${st.size}:${st.mtimeMs}`;
};

function freshBundle() {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    for (const [file, stamp] of Object.entries(manifest.inputs)) if (stampOf(file) !== stamp) return undefined;
    return path.join(cacheDir, manifest.dir, 'main.js');
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
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return inlined.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

async function buildBundle() {
  const { build } = await import('esbuild');
  const dir = `build-${process.pid}-${Date.now().toString(36)}`;
  const out = path.join(cacheDir, dir);
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [path.join(scriptsDir, 'cli', 'main.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: "import { createRequire as kbCreateRequire } from 'node:module'; const require = kbCreateRequire(import.meta.url);" },
    outdir: out,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
    plugins: [externalPackages, keepMetaUrl],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) if (!file.includes('node_modules')) inputs[file] = stampOf(file);
  const temp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ dir, inputs }));
  renameSync(temp, manifestFile);
  // Older builds another kb process may still be loading are left alone for an hour.
  for (const old of readdirSync(cacheDir)) {
    const abs = path.join(cacheDir, old);
    if (old.startsWith('build-') && old !== dir && Date.now() - statSync(abs).mtimeMs > 3_600_000) rmSync(abs, { recursive: true, force: true });
  }
  return path.join(out, 'main.js');
}

export async function loadMain() {
  if (process.env.KB_NO_BUNDLE !== '1') {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const file = freshBundle() ?? (await buildBundle());
      return await import(pathToFileURL(file).href);
    } catch (error) {
      if (process.env.KB_DEBUG) process.stderr.write(`kb: bundle unavailable, running from sources: ${error}\n`);
      rmSync(manifestFile, { force: true });
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../cli/main.ts');
}
