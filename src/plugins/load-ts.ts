import { createRequire } from 'node:module';
import path from 'node:path';

type TsxCjsApi = typeof import('tsx/cjs/api');
type ScopedRequire = (id: string, fromFile: string) => unknown;

/**
 * tsx's require for this process, under one fixed namespace. tsx.require registers its namespace from the time
 * of its first call, and the namespace is part of the key of tsx's disk cache of compiled modules: so no build
 * ever hit the cache of the one before, and esbuild compiled every project module a plugin loads again in each
 * build (dashboards' modules: 725-840 ms to load each time, 458-504 ms with this namespace). Like tsx.require,
 * one namespace for the whole process: modules are loaded once and shared by every caller.
 */
let scoped: ScopedRequire | undefined;

/**
 * Loads a TypeScript module of the project for a plugin. Modules that import
 * zod (the catalog, slo-targets) get `z` undefined through the jiti loader
 * Docusaurus uses for plugins (jiti hands back zod's default export), so they
 * are loaded with Node's own require and tsx's CommonJS API, which compiles
 * TypeScript the way the kb CLI does.
 */
export function requireProjectModule<T>(siteDir: string, file: string): T {
  const fromSite = path.join(siteDir, 'package.json');
  if (!scoped) {
    const tsx = createRequire(fromSite)('tsx/cjs/api') as TsxCjsApi;
    scoped = tsx.register({ namespace: 'kb-site' }).require;
  }
  return scoped(path.join(siteDir, file), fromSite) as T;
}
