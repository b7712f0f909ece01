import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKb, removeKb } from '../test-support.ts';
import { createResolver, providedComponents } from './resolve.ts';

let root: string;
beforeAll(async () => {
  root = await makeKb({
    'docs/guides/page.mdx': '',
    'docs/guides/chart.tsx': '',
    'docs/guides/data.json': '{}',
    'docs/guides/widgets/index.ts': '',
    'src/components/Gauge/index.tsx': '',
    'src/theme/Gauge.tsx': '',
    'src/theme/MDXComponents.tsx':
      "import MDXComponents from '@theme-original/MDXComponents';\nexport default {\n  ...MDXComponents,\n  Gauge,\n  Chart: Thing,\n};\n",
  });
});
afterAll(async () => removeKb(root));

describe('createResolver', () => {
  const from = () => path.join(root, 'docs/guides/page.mdx');
  it.each([
    ['./chart', true],
    ['./chart.tsx', true],
    ['./data.json', true],
    ['./widgets', true],
    ['!!raw-loader!./chart.tsx', true],
    ['./chart-missing', false],
    ['../guides/chart', true],
    ['@site/src/components/Gauge', true],
    ['@site/src/components/Missing', false],
    ['@theme/Gauge', true],
    ['@theme/Tabs', true],
    ['@theme/Mermaid', true],
    ['@theme/LatencyChart', false],
    ['@theme-original/Tabs', true],
    ['@docusaurus/Link', true],
    ['@docusaurus/useBaseUrl', true],
    ['@docusaurus/theme-common', true],
    ['@generated/anything', true],
    ['react', true],
    ['clsx', true],
    ['no-such-package-anywhere', false],
  ])('%s resolves: %s', (source, expected) => {
    expect(createResolver(root).resolves(source, from())).toBe(expected);
  });
});

describe('providedComponents', () => {
  it("has theme-classic's MDX components and the site's swizzled additions", () => {
    const names = providedComponents(root);
    for (const n of ['Head', 'Details', 'details', 'admonition', 'mermaid', 'Gauge', 'Chart'])
      expect(names).toContain(n);
    expect(names).not.toContain('LatencyChart');
  });
});
