/**
 * Loader for two theme modules in the client bundle. Each sorts with
 * `String.prototype.localeCompare` on every doc page, only to get a stable
 * order: the docs plugin's `getActivePlugin` (plugin paths, longest first;
 * `useActivePlugin`, called by the breadcrumbs and the navbar) and
 * theme-common's `useShallowMemoObject` (object keys; the navbar's secondary
 * menu, code blocks). The first `localeCompare` of a page creates an ICU
 * collator: 24–29 ms in Chromium here, measured in a blank page, and ~100 ms
 * of Lighthouse's simulated mobile main thread inside one hydration task.
 * Ordinal order does both jobs (a path sorts after every path it is a prefix
 * of; keys only need one consistent order). Tag lists, where the order is read
 * by people, keep localeCompare. The build fails if a module changes shape
 * on an upgrade.
 */
'use strict';

const ORDINAL = (a, b) => `(${a} < ${b} ? -1 : ${a} > ${b} ? 1 : 0)`;

const REWRITES = [
  {
    file: /[\\/]plugin-content-docs[\\/]lib[\\/]client[\\/]docsClientUtils\.js$/,
    from: '.sort((a, b) => b[1].path.localeCompare(a[1].path))',
    to: `.sort((a, b) => ${ORDINAL('b[1].path', 'a[1].path')})`,
  },
  {
    file: /[\\/]theme-common[\\/]lib[\\/]utils[\\/]reactUtils\.js$/,
    from: 'deps.sort((a, b) => a[0].localeCompare(b[0]));',
    to: `deps.sort((a, b) => ${ORDINAL('a[0]', 'b[0]')});`,
  },
];

/** The rewrite of one module's source, or an error naming what was not found. */
function rewrite(resourcePath, source) {
  const rule = REWRITES.find((r) => r.file.test(resourcePath));
  if (!rule) return source;
  if (!source.includes(rule.from)) throw new Error(`perf (ordinal-compare-loader.cjs): ${resourcePath} no longer contains \`${rule.from}\`; check it after a Docusaurus upgrade`);
  return source.replace(rule.from, () => rule.to);
}

module.exports = function ordinalCompareLoader(source) {
  return rewrite(this.resourcePath, source);
};
module.exports.rewrite = rewrite;
module.exports.FILES = REWRITES.map((r) => r.file);
