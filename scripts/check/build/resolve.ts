// Where the site's bundler would find what an MDX page imports: relative
// paths, the `@site/`, `@theme/`, `@theme-original/` and `@docusaurus/`
// aliases Docusaurus defines, `@generated/` (made by the build) and packages.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDir } from './docusaurus.ts';

/** The bundler's resolve.extensions in Docusaurus (core/lib/webpack/base.js), in its order. */
const extensions = ['', '.wasm', '.mjs', '.js', '.jsx', '.ts', '.tsx', '.json'];

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

function resolveFile(base: string): string | undefined {
  for (const ext of extensions) if (isFile(base + ext)) return base + ext;
  for (const ext of extensions.slice(1))
    if (isFile(path.join(base, `index${ext}`))) return path.join(base, `index${ext}`);
  return undefined;
}

/** Theme folders, in the order Docusaurus resolves `@theme/X`: the site's src/theme, then the themes. */
function themeDirs(siteDir: string): string[] {
  const dirs = [path.join(siteDir, 'src/theme')];
  for (const pkg of ['@docusaurus/theme-mermaid', '@docusaurus/theme-classic']) {
    try {
      dirs.push(path.join(packageDir(pkg), 'lib/theme'));
    } catch {
      // theme not installed: nothing resolves from it
    }
  }
  return dirs;
}

function packageExists(name: string, fromDir: string): boolean {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

export interface Resolver {
  /** True when the site's build would find `source` imported from the file `fromFile` (absolute). */
  resolves(source: string, fromFile: string): boolean;
}

const toolDir = path.dirname(fileURLToPath(import.meta.url));

export function createResolver(siteDir: string): Resolver {
  const themes = themeDirs(siteDir);
  let coreExports: string | undefined;
  const cache = new Map<string, boolean>();
  const resolves = (raw: string, fromFile: string): boolean => {
    // Inline loaders (`!!raw-loader!./file`) and queries (`?raw`) do not change which file is meant.
    const source = raw.slice(raw.lastIndexOf('!') + 1).replace(/[?#].*$/, '');
    if (source.startsWith('./') || source.startsWith('../') || source.startsWith('/')) {
      return resolveFile(path.resolve(path.dirname(fromFile), source)) !== undefined;
    }
    if (source.startsWith('@site/')) return resolveFile(path.join(siteDir, source.slice(6))) !== undefined;
    if (source.startsWith('@generated/')) return true;
    const theme = /^@theme(?:-original|-init)?\/(.+)$/.exec(source);
    if (theme) {
      const dirs = source.startsWith('@theme/') ? themes : themes.slice(1);
      return dirs.some((d) => resolveFile(path.join(d, theme[1]!)) !== undefined);
    }
    if (source.startsWith('@docusaurus/')) {
      coreExports ??= path.join(packageDir('@docusaurus/core'), 'lib/client/exports');
      if (resolveFile(path.join(coreExports, source.slice('@docusaurus/'.length))) !== undefined) return true;
    }
    const parts = source.split('/');
    const name = source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    // The site's node_modules, else the ones kb (and so the site's build) runs from.
    return packageExists(name, path.dirname(fromFile)) || packageExists(name, toolDir);
  };
  return {
    resolves(source, fromFile) {
      const key = `${source}\0${source.startsWith('.') ? path.dirname(fromFile) : ''}`;
      let hit = cache.get(key);
      if (hit === undefined) cache.set(key, (hit = resolves(source, fromFile)));
      return hit;
    },
  };
}

/**
 * Component names every MDX page has without importing them: the keys of
 * theme-classic's MDXComponents and of the site's own `src/theme/MDXComponents`
 * (swizzled), read from their source.
 */
export function providedComponents(siteDir: string): Set<string> {
  const names = new Set<string>();
  const base = path.join(packageDir('@docusaurus/theme-classic'), 'lib/theme/MDXComponents/index.js');
  keysOf(readFileSync(base, 'utf8'), names);
  if (!names.has('Head') || !names.has('Details')) {
    throw new Error(`kb check: could not read the component names of ${base}; update scripts/check/build/resolve.ts`);
  }
  const own = resolveFile(path.join(siteDir, 'src/theme/MDXComponents'));
  if (own) keysOf(readFileSync(own, 'utf8'), names);
  return names;
}

function keysOf(source: string, into: Set<string>): void {
  const body =
    /(?:(?:const|let|var)\s+MDXComponents\b[^=\n]*=|export\s+default)\s*\{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  for (const m of body.matchAll(/^\s*([A-Za-z_$][\w$]*)\s*(?:[:,]|$)/gm)) into.add(m[1]!);
}
