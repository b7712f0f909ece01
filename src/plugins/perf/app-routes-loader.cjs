/**
 * Loader for @docusaurus/core/lib/client/App.js in the client bundle only.
 * App renders the top-level routes once, when the module evaluates
 * (`const routesElement = renderRoutes(routes)`); with route shards
 * (route-shards.cjs) top-level leaves such as blog posts and pages join the
 * table later, so the element is rebuilt whenever the top-level table has
 * grown. Nested tables are rendered by their container on every render
 * already. Fails the build if App.js no longer has that shape.
 */
'use strict';

const ONCE = 'const routesElement = renderRoutes(routes);';
const USE = '{routesElement}';

const ledger = require('./ledger.cjs');

module.exports = function appRoutesAtRender(source) {
  const applies = source.includes(ONCE) && source.split(USE).length === 2;
  ledger.record('app-routes', applies);
  if (!applies) {
    throw new Error(
      'app-routes-loader: @docusaurus/core client/App.js changed shape; route shards need its top-level routes rendered at render time',
    );
  }
  return source
    .replace(
      ONCE,
      `let kbRoutesElement;
let kbRoutesLength = -1;
function currentRoutesElement() {
    if (routes.length !== kbRoutesLength) {
        kbRoutesLength = routes.length;
        kbRoutesElement = renderRoutes(routes);
    }
    return kbRoutesElement;
}`,
    )
    .replace(USE, '{currentRoutesElement()}');
};
