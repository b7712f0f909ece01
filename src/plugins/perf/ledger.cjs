/**
 * Which rewrites of the perf layer ran in this build, so the plugin can fail
 * the build (postBuild) when one did not: a Docusaurus upgrade that renames a
 * file or changes the text a rewrite looks for must not silently drop it.
 * Loaders and bundler plugins call `record(name, applied)` each time they get
 * their input. Kept on globalThis under a registered
 * symbol: the loaders (required by the bundler) and the plugin (loaded by
 * Docusaurus) share no module instance, only the process.
 */
'use strict';

const KEY = Symbol.for('sophia-kb.perf.rewrites');

function ledger() {
  if (!globalThis[KEY]) globalThis[KEY] = new Map();
  return globalThis[KEY];
}

function entry(name) {
  const all = ledger();
  if (!all.has(name)) all.set(name, { seen: 0, applied: 0 });
  return all.get(name);
}

module.exports = {
  /** Forget the previous build's counts (a dev server or a test may build twice in one process). */
  reset() {
    ledger().clear();
  },
  /** A rewrite got its input (`seen`); `applied`: it changed it. */
  record(name, applied) {
    const e = entry(name);
    e.seen++;
    if (applied) e.applied++;
  },
  /** name → { seen, applied } */
  counts() {
    return new Map([...ledger()].map(([name, e]) => [name, { ...e }]));
  },
};
