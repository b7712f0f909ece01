/**
 * Replaces @docusaurus/core/lib/client/preload.js in the client bundle (see
 * ../index.ts): clientEntry (before hydration), PendingNavigation (before a
 * client-side navigation) and window.docusaurus.preload call it before the
 * routes of a pathname are matched, so it first loads that pathname's route
 * shard (route-shards.cjs), then does what core's does: preload the
 * components of every matching route. It also loads the code highlighter
 * (../highlighter/on-demand.ts): before hydration only if the server-rendered
 * page has a code block, before every client-side navigation always (one
 * chunk, fetched once).
 */
import routes from '@generated/routes';
import { matchRoutes } from 'react-router-config';
import { loadRouteShards } from './route-shards.ts';
import { loadHighlighter } from '../highlighter/on-demand.ts';

interface Preloadable {
  preload?: () => Promise<unknown>;
}

// The first call is clientEntry's, before hydration: the page is the server's HTML.
let beforeHydration = true;

function highlighterFor(): Promise<void> | undefined {
  const hydrating = beforeHydration;
  beforeHydration = false;
  if (hydrating && !document.querySelector('.theme-code-block')) return undefined;
  return loadHighlighter();
}

export default function preload(pathname: string): Promise<unknown[]> {
  const highlighter = highlighterFor();
  return Promise.all([loadRouteShards(pathname), highlighter]).then(() => {
    const matches = Array.from(new Set([pathname, decodeURI(pathname)]))
      .map((p) => matchRoutes(routes, p))
      .flat();
    return Promise.all(matches.map((match) => (match.route.component as unknown as Preloadable).preload?.()));
  });
}
