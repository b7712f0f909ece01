/**
 * Loader for a few Docusaurus client modules, each rewritten in place where a
 * profile of a doc page's load found a cost that is not the module's purpose.
 * The build fails if a module no longer contains the text a rewrite expects,
 * so an upgrade cannot silently drop one.
 *
 * 1. Ordinal sorts instead of `String.prototype.localeCompare`: the docs
 *    plugin's `getActivePlugin` (plugin paths, longest first; called by the
 *    breadcrumbs and the navbar) and theme-common's `useShallowMemoObject`
 *    (object keys; the navbar's secondary menu, code blocks) sort only to get
 *    a stable order, but the first `localeCompare` of a page creates an ICU
 *    collator: 24–29 ms in Chromium here, ~100 ms of Lighthouse's simulated
 *    mobile main thread, inside a hydration task. Ordinal order does both
 *    jobs (a path sorts after every path it is a prefix of; keys only need one
 *    consistent order). Tag lists, whose order people read, keep
 *    localeCompare.
 * 2. The updates every page makes right after hydration as transitions:
 *    core's `isBrowser` (false → true), theme-common's `useWindowSize`
 *    ('ssr' → 'mobile' on a phone: the desktop sidebar and TOC leave),
 *    the docs plugin's preferred versions (read from localStorage; a new
 *    state object even when nothing is stored, so the navbar's version menus
 *    and doc links render again: ~40 ms on a 4× slower CPU) and each code
 *    block's word-wrap state (theme-common's `useCodeWordWrap` measures
 *    whether the code scrolls, to show the wrap button, and looks for a
 *    hidden tab panel around it: `undefined` → `null` re-rendered every
 *    block even with no tab; now `null` stays `undefined`). As
 *    default-priority updates, React renders all their consumers in one
 *    task it cannot interrupt; as transitions, it renders them in 5 ms
 *    slices, like the hydration itself (clientEntry hydrates in
 *    startTransition). Later resizes stay urgent.
 * 3. theme-common's `useHistorySelector` reads the URL's query and hash in
 *    the browser only once `isBrowser` is true. The navbar's version menus
 *    read them to keep `?query#hash` on version links; during hydration the
 *    hook must return the server's value (empty), and the moment hydration
 *    committed, React's useSyncExternalStore saw the real value differ and
 *    re-rendered each menu synchronously from the passive effects (render
 *    and commit ~55 ms at 4× CPU slowdown), on every page opened with a
 *    query or a hash (the /search page always is). Tied to `isBrowser`, the
 *    real value arrives in the transition of item 2; later navigations,
 *    with `isBrowser` already true, read it directly as before.
 */
'use strict';

const ledger = require('./ledger.cjs');

const ORDINAL = (a, b) => `(${a} < ${b} ? -1 : ${a} > ${b} ? 1 : 0)`;

/** theme-common 3.10's useHistorySelector, as published. */
const HISTORY_SELECTOR = `export function useHistorySelector(selector) {
    const history = useHistory();
    return useSyncExternalStore(history.listen, () => selector(history), () => selector({
        ...history,
        location: {
            ...history.location,
            // On the server/hydration, these attributes should always be empty
            // Forcing empty state makes this hook safe from hydration errors
            search: '',
            hash: '',
            state: undefined,
        },
    }));
}
`;

const REWRITES = [
  {
    file: /[\\/]plugin-content-docs[\\/]lib[\\/]client[\\/]docsClientUtils\.js$/,
    edits: [
      ['.sort((a, b) => b[1].path.localeCompare(a[1].path))', `.sort((a, b) => ${ORDINAL('b[1].path', 'a[1].path')})`],
    ],
  },
  {
    file: /[\\/]theme-common[\\/]lib[\\/]utils[\\/]reactUtils\.js$/,
    edits: [['deps.sort((a, b) => a[0].localeCompare(b[0]));', `deps.sort((a, b) => ${ORDINAL('a[0]', 'b[0]')});`]],
  },
  {
    file: /[\\/]core[\\/]lib[\\/]client[\\/]browserContext\.js$/,
    edits: [
      [
        "import React, { useEffect, useState } from 'react';",
        "import React, { startTransition, useEffect, useState } from 'react';",
      ],
      ['setIsBrowser(true);', 'startTransition(() => setIsBrowser(true));'],
    ],
  },
  {
    file: /[\\/]theme-common[\\/]lib[\\/]hooks[\\/]useWindowSize\.js$/,
    edits: [
      ["import { useEffect, useState } from 'react';", "import { startTransition, useEffect, useState } from 'react';"],
      ['        updateWindowSize();\n', '        startTransition(updateWindowSize);\n'],
    ],
  },
  {
    file: /[\\/]plugin-content-docs[\\/]lib[\\/]client[\\/]docsPreferredVersion\.js$/,
    edits: [
      [
        "import React, { useContext, useEffect, useMemo, useState, useCallback, } from 'react';",
        "import React, { startTransition, useContext, useEffect, useMemo, useState, useCallback, } from 'react';",
      ],
      [
        '        setState(readStorageState({ allDocsData, versionPersistence, pluginIds }));',
        '        startTransition(() => setState(readStorageState({ allDocsData, versionPersistence, pluginIds })));',
      ],
    ],
  },
  {
    file: /[\\/]theme-common[\\/]lib[\\/]hooks[\\/]useCodeWordWrap\.js$/,
    edits: [
      [
        "import { useState, useCallback, useEffect, useRef } from 'react';",
        "import { startTransition, useState, useCallback, useEffect, useRef } from 'react';",
      ],
      [
        "setHiddenTabElement(codeBlockRef.current?.closest('[role=tabpanel][hidden]'));",
        "startTransition(() => setHiddenTabElement(codeBlockRef.current?.closest('[role=tabpanel][hidden]') ?? undefined));",
      ],
      [
        '        setIsCodeScrollable(isScrollable);',
        '        startTransition(() => setIsCodeScrollable(isScrollable));',
      ],
    ],
  },
  {
    file: /[\\/]theme-common[\\/]lib[\\/]utils[\\/]historyUtils\.js$/,
    edits: [
      [
        "import { useHistory } from '@docusaurus/router';",
        "import { useHistory } from '@docusaurus/router';\nimport useIsBrowser from '@docusaurus/useIsBrowser';",
      ],
      [
        HISTORY_SELECTOR,
        `export function useHistorySelector(selector) {
    const history = useHistory();
    const isBrowser = useIsBrowser();
    // On the server and during hydration: no query, hash or state.
    const serverSnapshot = () => selector({ ...history, location: { ...history.location, search: '', hash: '', state: undefined } });
    return useSyncExternalStore(history.listen, isBrowser ? () => selector(history) : serverSnapshot, serverSnapshot);
}
`,
      ],
    ],
  },
];

/** A rule's name: its module's path as the regexp spells it (`core/lib/client/browserContext.js`). */
function rewriteName(rule) {
  return rule.file.source.replace(/\\\.|\[\\\\\/\]|\$$/g, (m) => (m === '\\.' ? '.' : m === '$' ? '' : '/')).slice(1);
}

/** The rewrite of one module's source, or an error naming what was not found. */
function rewrite(resourcePath, source) {
  const rule = REWRITES.find((r) => r.file.test(resourcePath));
  if (!rule) return source;
  let out = source;
  ledger.record(`theme-patches:${rewriteName(rule)}`, true);
  for (const [from, to] of rule.edits) {
    if (!out.includes(from))
      throw new Error(
        `perf (theme-patches-loader.cjs): ${resourcePath} no longer contains \`${from.trim()}\`; check it after a Docusaurus upgrade`,
      );
    out = out.replace(from, () => to);
  }
  return out;
}

module.exports = function themePatchesLoader(source) {
  return rewrite(this.resourcePath, source);
};
module.exports.rewrite = rewrite;
module.exports.FILES = REWRITES.map((r) => r.file);
/** Ledger names of the rewrites (one per patched module). */
module.exports.NAMES = REWRITES.map((r) => `theme-patches:${rewriteName(r)}`);
