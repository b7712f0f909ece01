/**
 * Loader for `.docusaurus/registry.js` in the client bundle only. Each entry
 * is `[loader, "module path", require.resolveWeak("module path")]`; the path
 * string is read only by the server render (react-loadable's Capture), yet the
 * client bundle carries one per route chunk in main.js. This swaps it for 0.
 */
const ledger = require('./ledger.cjs');

module.exports = function stripRegistryModulePaths(source) {
  const out = source.replace(/(\*\/ "[^"\n]*"\)), "[^"\n]*", require\.resolveWeak\(/g, '$1, 0, require.resolveWeak(');
  ledger.record('strip-registry', out !== source);
  return out;
};
