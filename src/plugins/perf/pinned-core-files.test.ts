// The Docusaurus files the perf layer replaces, copies, rewrites or wraps
// (and those src/theme/CodeBlock of build-time highlighting stands in for),
// pinned by content hash: an upgrade that changes one fails here, naming the
// file and what depends on it. After checking that part of the layer against
// the new file (README.md, "Upgrading Docusaurus"), put the new hash here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ssrTemplate } from './ssr-template.ts';

const require = createRequire(import.meta.url);
/** A file of an installed package, by path (package exports hide most of them from require.resolve). */
const installed = (file: string) => fileURLToPath(new URL(`../../../node_modules/${file}`, import.meta.url));

/** [file in node_modules, sha256 of its content, what in src/plugins/perf depends on it] */
const PINNED: [string, string, string][] = [
  [
    '@docusaurus/core/lib/client/preload.js',
    '8c1e3de18d307e2fb4aee43f765f1d06b05357889b9923467bef44a358683542',
    'replaced by client/preload.ts (route shards)',
  ],
  [
    '@docusaurus/core/lib/client/clientEntry.js',
    'a9d6514eaf79c05c7d5275b5139298a5467c1c8339ab8a887c5d8ba61aff9871',
    'calls preload before hydration (client/preload.ts)',
  ],
  [
    '@docusaurus/core/lib/client/PendingNavigation.js',
    '1c489db32b5665b06586dc471d29def9cab8a8f4acac9863775dd378716ce4d0',
    'calls preload before a navigation (client/preload.ts)',
  ],
  [
    '@docusaurus/core/lib/client/docusaurus.js',
    'b0d1dbdc1e3a706fe1ffd91c726d8348c5e4ed6ac95a716f549eb58127a4b202',
    'window.docusaurus.preload/prefetch (client/preload.ts, client/deferred-prefetch.ts)',
  ],
  [
    '@docusaurus/core/lib/client/App.js',
    '1442f48492b535165d7e2767d4d1615713bb517a883c5142113740aaef086cba',
    'rewritten by app-routes-loader.cjs',
  ],
  [
    '@docusaurus/core/lib/ssg/ssgTemplate.html.js',
    '5d6584e4a61b22d44bbbd7fe92a7a30352564b5a1dc89853a9bdbbf14d092597',
    'copied, with its scripts changed, by ssr-template.ts',
  ],
  [
    '@docusaurus/core/lib/webpack/plugins/ChunkAssetPlugin.js',
    'd1fdb10641cef8bb8460f9f9e48dc18d0f86065e8c6e6d7422d5be18147f3257',
    'replaced by named-chunks.ts',
  ],
  [
    '@docusaurus/core/lib/server/codegen/codegenRoutes.js',
    '6bdf7133ebc411f96e918619faf14543239e27adebe60f4bbb081a392349689c',
    'writes routes.js, registry.js, routesChunkNames.json that route-shards.cjs, lazy-routes-loader.cjs and strip-registry-loader.cjs parse',
  ],
  [
    '@docusaurus/plugin-content-docs/lib/client/docsClientUtils.js',
    '444c91b32c4a549ccf1710e995635887b6cd2433e6dce6a2bfbf17ecc2bf6ca3',
    'rewritten by theme-patches-loader.cjs',
  ],
  [
    '@docusaurus/theme-common/lib/utils/reactUtils.js',
    'a683742dac1a155bbd1c355601dedc1eeb7cc5edd7331cab26043c74233dca11',
    'rewritten by theme-patches-loader.cjs',
  ],
  [
    '@docusaurus/core/lib/client/browserContext.js',
    'f0765ea0de6c682044acc2d1f6f7d474e9ac389591a8e97f877e437c09225b4c',
    'rewritten by theme-patches-loader.cjs',
  ],
  [
    '@docusaurus/theme-common/lib/hooks/useWindowSize.js',
    'a32a46c867130090a4d785590da6f9cc69789eb67a94a5386fc6416857b91872',
    'rewritten by theme-patches-loader.cjs',
  ],
  [
    '@docusaurus/plugin-content-docs/lib/client/docsPreferredVersion.js',
    'eef363430b9a260d268c076c663448ba1c99e1e4fc4bc37b3ab3b9d44c608a45',
    'rewritten by theme-patches-loader.cjs',
  ],
  [
    '@docusaurus/theme-common/lib/hooks/useCodeWordWrap.js',
    '3483ac26c8c5cb90064902fb63a5256576092207a86b572480a04a8fb103b012',
    'rewritten by theme-patches-loader.cjs',
  ],
  [
    '@docusaurus/theme-common/lib/utils/historyUtils.js',
    'a1427f88fcd324ce881606c872ae9808d11269ec88af0fba3c49860c1347e2c9',
    'rewritten by theme-patches-loader.cjs',
  ],
  [
    '@docusaurus/theme-classic/lib/theme/DocSidebar/Desktop/index.js',
    'a509de0be954ea191b4e8d18b4b66e78650fbb9e47ff6244807731426c249bd2',
    'wrapped by theme/DocSidebar/Desktop (hydrated on demand)',
  ],
  [
    '@docusaurus/theme-classic/lib/theme/Navbar/MobileSidebar/index.js',
    '0e302185bbfd7b0a4a737b7a41b5215245df25c00221df68aa06e6d77ad648de',
    'wrapped by theme/Navbar/MobileSidebar (built when its toggle is reached for)',
  ],
  [
    '@docusaurus/theme-mermaid/lib/theme/Mermaid/index.js',
    '00cfd826fd26f876db7dbb99057627e3eae3fd0ebbffe15129db94a4f4550e50',
    'wrapped by theme/Mermaid (drawn near the viewport)',
  ],
  [
    '@docusaurus/theme-classic/lib/theme/CodeBlock/index.js',
    '639f8655d319e123c4efa5223a42078d3e98ea361e206f6f1bfb87b080a28904',
    'src/theme/CodeBlock (code-highlight) replaces it; stays with KB_PERF=0',
  ],
  [
    '@docusaurus/theme-classic/lib/theme/CodeBlock/Content/index.js',
    '0d361f5894590ea483a8cd846925bf41d85301eed29e0cfb4dc515128ab35556',
    'src/theme/CodeBlock/Content (code-highlight, an "unsafe" swizzle) replaces it; stays with KB_PERF=0',
  ],
  [
    '@docusaurus/theme-classic/lib/theme/CodeBlock/Content/String.js',
    '81ab153e9e797be7a86bcfe00dfd53ae6eb14bca2b40d30515d075e5b4e95f99',
    'src/theme/CodeBlock/Content renders its markup (code-highlight); stays with KB_PERF=0',
  ],
  [
    '@docusaurus/theme-classic/lib/theme/CodeBlock/Line/index.js',
    '5512298d8a194b78aec9759f944e035c75660bb887040779576dc1fed63ddce8',
    'src/theme/CodeBlock/Content renders its markup and styles (code-highlight); stays with KB_PERF=0',
  ],
  [
    '@docusaurus/theme-classic/lib/theme/CodeBlock/Container/index.js',
    '55ebecf7d04da06684ad2004600e175f2a63719cbcbc28cb7e2de5d33eede91b',
    'src/theme/CodeBlock/Container (code-highlight) replaces it; stays with KB_PERF=0',
  ],
];

describe('Docusaurus files the perf layer depends on', () => {
  it.each(PINNED)('%s is the version the layer was checked against', (file, sha256, dependent) => {
    const actual = createHash('sha256')
      .update(readFileSync(installed(file)))
      .digest('hex');
    expect(actual, `${file} changed (${dependent}): check that, then pin sha256 ${actual}`).toBe(sha256);
  });

  it("ssr-template.ts is core's template with only the script tags changed", () => {
    const core = (require('@docusaurus/core/lib/ssg/ssgTemplate.html.js') as { default: string }).default;
    const coreScripts = /\n {4}<% it\.scripts\.forEach[\s\S]*?<% }\); %>/.exec(core)?.[0];
    expect(coreScripts, "core's template no longer loads its scripts in the head").toBeDefined();
    const ours = /\n {4}<script>\(function \(\) {[\s\S]*?}\)\(\);<\/script>/.exec(ssrTemplate)?.[0];
    expect(ours, 'ssr-template.ts has no boot script').toBeDefined();
    const withoutScripts = (text: string, block: string) => text.replace(block, '').trim();
    expect(withoutScripts(ssrTemplate, ours!)).toBe(withoutScripts(core, coreScripts!));
  });
});
