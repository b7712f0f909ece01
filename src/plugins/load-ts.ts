import { createRequire } from 'node:module';
import path from 'node:path';

type TsxCjsApi = typeof import('tsx/cjs/api');

/**
 * Loads a TypeScript module of the project for a plugin. Modules that import
 * zod (the catalog, slo-targets) get `z` undefined through the jiti loader
 * Docusaurus uses for plugins (jiti hands back zod's default export), so they
 * are loaded with Node's own require and tsx's CommonJS API, which compiles
 * TypeScript the way the kb CLI does.
 */
export function requireProjectModule<T>(siteDir: string, file: string): T {
  const nativeRequire = createRequire(path.join(siteDir, 'package.json'));
  const tsx = nativeRequire('tsx/cjs/api') as TsxCjsApi;
  return tsx.require(path.join(siteDir, file), path.join(siteDir, 'package.json')) as T;
}
