// What of the perf layer (src/plugins/perf) the build under test has, read
// from the build itself (so a reused KB_E2E_SITE_DIR is judged by what it
// holds, not by the environment): the layer at all (KB_PERF=0 builds without
// it) and route shards (only from a number of routes up, see the plugin).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface PerfLayer {
  /** The page template of the layer (ssr-template.ts) rendered the pages. */
  on: boolean;
  /** Route shards (routes-<n>.<hash>.js) are in the build. */
  shards: boolean;
}

export async function perfLayerOf(siteDir: string): Promise<PerfLayer> {
  const home = await readFile(path.join(siteDir, 'index.html'), 'utf8');
  const scripts = await readdir(path.join(siteDir, 'assets/js'));
  return {
    on: home.includes('first-contentful-paint'),
    shards: scripts.some((name) => /^routes-\d+\.[0-9a-f]+\.js$/.test(name)),
  };
}
