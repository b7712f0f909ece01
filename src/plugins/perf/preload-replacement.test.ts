// core's client/preload.js swapped for client/preload.ts by both installed
// bundlers, with the replacement's own relative imports resolved from its own
// folder (webpack kept core's folder: the site did not build with Faster off).
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preloadReplacement } from './index.ts';
import { bundleTinyApp } from './test-support/real-bundle.ts';

const require = createRequire(import.meta.url);

const SOURCES = {
  'entry.js': `import preload from './node_modules/@docusaurus/core/lib/client/entry.js'; window.kb = preload;`,
  'node_modules/@docusaurus/core/lib/client/entry.js': `import preload from './preload'; export default preload;`,
  'node_modules/@docusaurus/core/lib/client/preload.js': `export default function preload() { return 'core preload'; }`,
  'perf/client/preload.js': `import helper from './helper.js'; export default function preload() { return helper; }`,
  'perf/client/helper.js': `export default 'kb shard-aware preload';`,
};

describe.each(['webpack', 'rspack'] as const)('preloadReplacement with %s', (bundler) => {
  it("bundles our preload in place of core's, its imports resolved next to it", async () => {
    const instance = bundler === 'rspack' ? require('@rspack/core') : require('webpack');
    const files = await bundleTinyApp(
      bundler,
      (dir) => [preloadReplacement({ name: bundler, instance }, path.join(dir, 'perf/client/preload.js'))],
      SOURCES,
    );
    const code = [...files.values()].join('\n');
    expect(code).toContain('kb shard-aware preload');
    expect(code).not.toContain('core preload');
  }, 120_000);
});
