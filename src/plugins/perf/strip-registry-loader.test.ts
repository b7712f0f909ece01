import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const strip = createRequire(import.meta.url)('./strip-registry-loader.cjs') as (source: string) => string;

// The shape @docusaurus/core 3.10 writes to .docusaurus/registry.js (codegenRoutes.js genRegistry).
const registry = `export default {
  "0058b4c6": [() => import(/* webpackChunkName: "0058b4c6" */ "@generated/docusaurus-plugin-content-docs/default/p/docs-175.json"), "@generated/docusaurus-plugin-content-docs/default/p/docs-175.json", require.resolveWeak("@generated/docusaurus-plugin-content-docs/default/p/docs-175.json")],
  "026b49b4": [() => import(/* webpackChunkName: "026b49b4" */ "@site/docs/plan/phase-2/week-07.md"), "@site/docs/plan/phase-2/week-07.md", require.resolveWeak("@site/docs/plan/phase-2/week-07.md")],
};
`;

describe('strip-registry-loader', () => {
  it('drops the module path string that only the server render reads, keeping the loader and the weak id', () => {
    const out = strip(registry);
    expect(out).toContain(
      `"026b49b4": [() => import(/* webpackChunkName: "026b49b4" */ "@site/docs/plan/phase-2/week-07.md"), 0, require.resolveWeak("@site/docs/plan/phase-2/week-07.md")],`,
    );
    expect(out.match(/, 0, require\.resolveWeak\(/g)).toHaveLength(2);
    expect(out.length).toBeLessThan(registry.length);
  });

  it('leaves a registry of another shape as it is', () => {
    const other = `export default { "a": [() => import("x"), require.resolveWeak("x")] };`;
    expect(strip(other)).toBe(other);
  });
});
