/**
 * Pass-through loader that records in the ledger (ledger.cjs) that its module
 * is in the build: on client/preload.ts, which only core's clientEntry and
 * PendingNavigation reach, through the replacement of core's preload.js. The
 * module being built proves the replacement fired.
 */
'use strict';

const ledger = require('./ledger.cjs');

module.exports = function recordModule(source) {
  ledger.record(this.getOptions().name, true);
  return source;
};
