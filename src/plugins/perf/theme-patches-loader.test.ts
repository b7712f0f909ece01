import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const loader = require('./theme-patches-loader.cjs') as {
  rewrite(resourcePath: string, source: string): string;
  FILES: RegExp[];
};
const installed = (m: string) => fileURLToPath(new URL(`../../../node_modules/${m}`, import.meta.url));
const modules = [
  '@docusaurus/plugin-content-docs/lib/client/docsClientUtils.js',
  '@docusaurus/theme-common/lib/utils/reactUtils.js',
].map(installed);

describe('theme-patches-loader: ordinal sorts', () => {
  it('takes localeCompare out of the installed theme modules it targets, and only those', () => {
    for (const file of modules) {
      expect(
        loader.FILES.some((test) => test.test(file)),
        file,
      ).toBe(true);
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
    const plugins = ['/', '/docs', '/docs-extra', '/runbooks', '/docs/sub', '/docs/sub/deeper'].map((p) => [
      p,
      { path: p },
    ]);
    const order = [...plugins].sort(compare).map(([p]) => p as string);
    // matchPath with exact: false; the first match wins, so a more specific path must come first.
    const within = (inner: string, outer: string) =>
      inner !== outer && (outer === '/' || inner.startsWith(`${outer}/`));
    for (const inner of order)
      for (const outer of order)
        if (within(inner, outer))
          expect(order.indexOf(inner), `${inner} before ${outer}`).toBeLessThan(order.indexOf(outer));
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

describe('theme-patches-loader: query and hash read once isBrowser is true', () => {
  const historyUtils = installed('@docusaurus/theme-common/lib/utils/historyUtils.js');
  const out = loader.rewrite(historyUtils, readFileSync(historyUtils, 'utf8'));
  const body = /export function useHistorySelector\(selector\) \{[\s\S]*?\n\}\n/.exec(out)![0].replace(/^export /, '');

  /** The rewritten hook, run with stub hooks: what it renders with, and the snapshot React checks on the server and during hydration. */
  function select(isBrowser: boolean) {
    const history = {
      listen: () => () => undefined,
      location: { pathname: '/docs/plan', search: '?q=p99', hash: '#goals', state: { from: 'x' } },
    };
    let serverSnapshot = '';
    // biome-ignore lint/correctness/noComponentHookFactories: a fake of React's hook, handed to the patched module under test
    const useSyncExternalStore = (_subscribe: unknown, getSnapshot: () => string, getServerSnapshot: () => string) => {
      serverSnapshot = getServerSnapshot();
      return getSnapshot();
    };
    const hook = new Function(
      'useHistory',
      'useIsBrowser',
      'useSyncExternalStore',
      `${body}; return useHistorySelector;`,
    )(
      () => history,
      () => isBrowser,
      useSyncExternalStore,
    ) as (selector: (h: typeof history) => string) => string;
    const value = hook(
      (h) => `${h.location.pathname}${h.location.search}${h.location.hash}${JSON.stringify(h.location.state ?? null)}`,
    );
    return { value, serverSnapshot };
  }

  it("renders the server's value (no query, hash or state) until isBrowser, so hydration has nothing to re-render", () => {
    expect(select(false)).toEqual({ value: '/docs/plannull', serverSnapshot: '/docs/plannull' });
  });

  it('reads the real location once isBrowser is true', () => {
    expect(select(true)).toEqual({ value: '/docs/plan?q=p99#goals{"from":"x"}', serverSnapshot: '/docs/plannull' });
  });

  it('imports useIsBrowser and fails on a hook that changed shape', () => {
    expect(out).toContain("import useIsBrowser from '@docusaurus/useIsBrowser';");
    expect(() =>
      loader.rewrite(
        historyUtils,
        "import { useHistory } from '@docusaurus/router';\nexport function useHistorySelector(s) {}",
      ),
    ).toThrow(/no longer contains/);
  });
});

describe('theme-patches-loader: preferred docs versions', () => {
  const file = installed('@docusaurus/plugin-content-docs/lib/client/docsPreferredVersion.js');

  it('applies the versions read from storage in a transition, and saves stay urgent', () => {
    const out = loader.rewrite(file, readFileSync(file, 'utf8'));
    expect(out).toContain(
      'startTransition(() => setState(readStorageState({ allDocsData, versionPersistence, pluginIds })));',
    );
    expect(out.match(/startTransition\(/g)).toHaveLength(1);
    expect(out).toMatch(/^import React, \{ startTransition, useContext, /m);
    expect(out).toMatch(/savePreferredVersion[\s\S]*?\n {12}setState\(\(s\) =>/);
  });
});

describe('theme-patches-loader: code block word wrap', () => {
  const file = installed('@docusaurus/theme-common/lib/hooks/useCodeWordWrap.js');
  const out = loader.rewrite(file, readFileSync(file, 'utf8'));

  it('sets both measured states in transitions, and no tab panel around a block as the initial undefined', () => {
    expect(out).toMatch(/^import \{ startTransition, useState, useCallback, useEffect, useRef \} from 'react';$/m);
    expect(out).toContain(
      "startTransition(() => setHiddenTabElement(codeBlockRef.current?.closest('[role=tabpanel][hidden]') ?? undefined));",
    );
    expect(out).toContain('startTransition(() => setIsCodeScrollable(isScrollable));');
    // The toggle a reader clicks stays urgent.
    expect(out).toMatch(/setIsEnabled\(\(value\) => !value\);/);
    expect(out).not.toMatch(/startTransition\(\(\) => setIsEnabled/);
  });
});
