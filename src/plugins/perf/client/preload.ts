/**
 * Replaces @docusaurus/core/lib/client/preload.js in the client bundle (see
 * ../index.ts): clientEntry (before hydration), PendingNavigation (before a
 * client-side navigation) and window.docusaurus.preload call it before the
 * routes of a pathname are matched, so it first loads that pathname's route
 * shard (route-shards.cjs), then does what core's does: preload the
 * components of every matching route.
 */
import './spread-chunk-loads.ts';
import routes from '@generated/routes';
import { matchRoutes } from 'react-router-config';
import { loadRouteShards } from './route-shards.ts';

interface Preloadable {
  preload?: () => Promise<unknown>;
}

export default function preload(pathname: string): Promise<unknown[]> {
  return loadRouteShards(pathname).then(() => {
    const matches = Array.from(new Set([pathname, decodeURI(pathname)])).flatMap((p) => matchRoutes(routes, p));
    return Promise.all(matches.map((match) => (match.route.component as unknown as Preloadable).preload?.()));
  });
}
