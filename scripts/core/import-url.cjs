// import() of an ES module by URL, from a CommonJS file that node's own loader
// runs. The kb CLI's main bundle runs through node:vm with V8's code cache
// (scripts/bin/load-main.mjs), and on Node 20 an import() inside a script
// compiled from code cache fails (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): the
// bundle keeps this file outside and calls it instead.
module.exports = function importUrl(url) {
  return import(url);
};
