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
 *    core's `isBrowser` (false → true) and theme-common's `useWindowSize`
 *    ('ssr' → 'mobile' on a phone: the desktop sidebar and TOC leave). As
 *    default-priority updates, React renders all their consumers in one
 *    task it cannot interrupt; as transitions, it renders them in 5 ms
 *    slices, like the hydration itself (clientEntry hydrates in
 *    startTransition). Later resizes stay urgent.
 */
'use strict';

const ORDINAL = (a, b) => `(${a} < ${b} ? -1 : ${a} > ${b} ? 1 : 0)`;

const REWRITES = [
  {
    file: /[\\/]plugin-content-docs[\\/]lib[\\/]client[\\/]docsClientUtils\.js$/,
    edits: [['.sort((a, b) => b[1].path.localeCompare(a[1].path))', `.sort((a, b) => ${ORDINAL('b[1].path', 'a[1].path')})`]],
  },
  {
    file: /[\\/]theme-common[\\/]lib[\\/]utils[\\/]reactUtils\.js$/,
    edits: [['deps.sort((a, b) => a[0].localeCompare(b[0]));', `deps.sort((a, b) => ${ORDINAL('a[0]', 'b[0]')});`]],
  },
  {
    file: /[\\/]core[\\/]lib[\\/]client[\\/]browserContext\.js$/,
    edits: [
      ["import React, { useEffect, useState } from 'react';", "import React, { startTransition, useEffect, useState } from 'react';"],
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
];

/** The rewrite of one module's source, or an error naming what was not found. */
function rewrite(resourcePath, source) {
  const rule = REWRITES.find((r) => r.file.test(resourcePath));
  if (!rule) return source;
  let out = source;
  for (const [from, to] of rule.edits) {
    if (!out.includes(from)) throw new Error(`perf (theme-patches-loader.cjs): ${resourcePath} no longer contains \`${from.trim()}\`; check it after a Docusaurus upgrade`);
    out = out.replace(from, () => to);
  }
  return out;
}

module.exports = function themePatchesLoader(source) {
  return rewrite(this.resourcePath, source);
};
module.exports.rewrite = rewrite;
module.exports.FILES = REWRITES.map((r) => r.file);
