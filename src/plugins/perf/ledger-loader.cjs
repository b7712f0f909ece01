/**
 * Pass-through loader that records in the ledger (ledger.cjs) whether the
 * module it gets contains `mark`: on core's client/preload.js, which the
 * replacement swaps for client/preload.ts, it proves the swap fired (a
 * bundler picks a module's loaders from its original path, then the
 * replacement changes the file they read).
 */
'use strict';

const ledger = require('./ledger.cjs');

module.exports = function recordModule(source) {
  const { name, mark } = this.getOptions();
  ledger.record(name, source.includes(mark));
  return source;
};
