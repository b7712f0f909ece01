/**
 * Loader for `.docusaurus/routes.js` in the client bundle only. The generated
 * route table calls `ComponentCreator(path, hash)` for every route while
 * main.js evaluates, before the first render: a loadable component per page of
 * the site, built on every page load, though only the routes of the page being
 * shown are ever rendered. Here each `component` becomes a getter that creates
 * its component on first use and keeps it (React needs the same component on
 * every render). The router, `preload` and `renderRoutes` read `component`
 * only on matched routes.
 */
const CALL = /\bcomponent: ComponentCreator\(('[^'\n]*'(?:, '[^'\n]*')?)\)/g;
const IMPORT = "import ComponentCreator from '@docusaurus/ComponentCreator';";

const ledger = require('./ledger.cjs');

module.exports = function lazyRouteComponents(source) {
  const applies = source.includes(IMPORT) && CALL.test(source);
  ledger.record('lazy-routes', applies);
  if (!applies) return source;
  CALL.lastIndex = 0;
  const memo = `
const kbRouteComponents = new Map();
function kbRouteComponent(path, hash) {
  const key = hash === undefined ? path : path + '\\u0000' + hash;
  let component = kbRouteComponents.get(key);
  if (component === undefined) {
    component = hash === undefined ? ComponentCreator(path) : ComponentCreator(path, hash);
    kbRouteComponents.set(key, component);
  }
  return component;
}`;
  return source
    .replace(IMPORT, IMPORT + memo)
    .replace(CALL, (_, args) => `get component() { return kbRouteComponent(${args}); }`);
};
