/**
 * The code highlighter in the production client: a chunk of its own (Prism,
 * its grammars and theme-classic's code block, 33 KB brotli), loaded only
 * when a page has code. client/preload.ts loads it before hydration when the
 * server-rendered page has a code block (so hydration renders exactly what the
 * server did, without a Suspense boundary to fall back) and before every
 * client-side navigation. A page without code never fetches or runs Prism.
 */
import type Highlighted from '@site/src/theme/CodeBlock/Highlighted';

type Highlighter = typeof Highlighted;

let highlighter: Highlighter | undefined;
let loading: Promise<void> | undefined;

export function getHighlighter(): Highlighter | undefined {
  return highlighter;
}

export function loadHighlighter(): Promise<void> {
  loading ??= import(/* webpackChunkName: "code-highlighter" */ '@site/src/theme/CodeBlock/Highlighted').then(
    (module) => {
      highlighter = module.default;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
