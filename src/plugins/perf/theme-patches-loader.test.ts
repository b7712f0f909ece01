import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const loader = require('./theme-patches-loader.cjs') as { rewrite(resourcePath: string, source: string): string; FILES: RegExp[] };
const installed = (m: string) => fileURLToPath(new URL(`../../../node_modules/${m}`, import.meta.url));
const modules = ['@docusaurus/plugin-content-docs/lib/client/docsClientUtils.js', '@docusaurus/theme-common/lib/utils/reactUtils.js'].map(installed);

describe('theme-patches-loader: ordinal sorts', () => {
  it('takes localeCompare out of the installed theme modules it targets, and only those', () => {
    for (const file of modules) {
      expect(loader.FILES.some((test) => test.test(file)), file).toBe(true);
      const source = readFileSync(file, 'utf8');
      expect(source).toContain('localeCompare');
      expect(loader.rewrite(file, source)).not.toContain('localeCompare');
    }
    expect(loader.rewrite('/x/theme-common/lib/utils/tagsUtils.js', 'a.localeCompare(b)')).toBe('a.localeCompare(b)');
  });

  it('orders plugin paths so that a path comes after the paths it is a prefix of, as getActivePlugin needs', () => {
    const file = modules[0]!;
    const body = loader.rewrite(file, readFileSync(file, 'utf8'));
    const comparator = /\.sort\(\((a, b)\) => (\(.*?\))\)/.exec(body)!;
    const compare = new Function('a', 'b', `return ${comparator[2]};`) as (a: unknown, b: unknown) => number;
    const plugins = ['/', '/docs', '/docs-extra', '/runbooks', '/docs/sub', '/docs/sub/deeper'].map((p) => [p, { path: p }]);
    const order = [...plugins].sort(compare).map(([p]) => p as string);
    // matchPath with exact: false; the first match wins, so a more specific path must come first.
    const within = (inner: string, outer: string) => inner !== outer && (outer === '/' || inner.startsWith(`${outer}/`));
    for (const inner of order) for (const outer of order) if (within(inner, outer)) expect(order.indexOf(inner), `${inner} before ${outer}`).toBeLessThan(order.indexOf(outer));
    expect(order.at(-1)).toBe('/');
  });

  it('fails on a module that changed shape', () => {
    expect(() => loader.rewrite(modules[0]!, 'export function getActivePlugin() {}')).toThrow(/no longer contains/);
  });
});

describe('theme-patches-loader: updates after hydration as transitions', () => {
  const browserContext = installed('@docusaurus/core/lib/client/browserContext.js');
  const windowSize = installed('@docusaurus/theme-common/lib/hooks/useWindowSize.js');

  it('sets isBrowser in a transition, once', () => {
    const out = loader.rewrite(browserContext, readFileSync(browserContext, 'utf8'));
    expect(out).toContain('startTransition(() => setIsBrowser(true));');
    expect(out.match(/setIsBrowser\(true\)/g)).toHaveLength(1);
    expect(out).toMatch(/^import React, \{ startTransition, useEffect, useState \} from 'react';$/m);
  });

  it('makes the first window size a transition and keeps resizes urgent', () => {
    const out = loader.rewrite(windowSize, readFileSync(windowSize, 'utf8'));
    expect(out).toContain('startTransition(updateWindowSize);');
    expect(out).toContain("window.addEventListener('resize', updateWindowSize);");
    expect(out).toMatch(/^import \{ startTransition, useEffect, useState \} from 'react';$/m);
  });
});
