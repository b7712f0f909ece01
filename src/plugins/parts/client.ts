/**
 * In a part build (see model.ts) the client router knows only this part's
 * routes: a link into another part would render "Page Not Found". Such
 * links go to the server instead, which serves the other part's page:
 * - a click on one is kept from the router (the browser follows the link);
 * - any other navigation there (history.push from a search result or a
 *   menu) is replaced by a page load of the same URL.
 */
import type { ClientModule } from '@docusaurus/types';
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import siteConfig from '@generated/docusaurus.config';
import { ownerOf, withoutBase, type SitePart } from './owner.ts';

const { parts, current } = (siteConfig.customFields?.siteParts ?? {}) as { parts?: SitePart[]; current?: string };

function elsewhere(pathname: string): boolean {
  return Boolean(parts && current) && ownerOf(parts!, withoutBase(pathname, siteConfig.baseUrl)) !== current;
}

if (ExecutionEnvironment.canUseDOM) {
  document.addEventListener(
    'click',
    (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== '_self')) return;
      const url = new URL(link.href);
      // Capture phase on the document, before React's listeners on the root: the router never sees the click.
      if (url.origin === window.location.origin && elsewhere(url.pathname)) event.stopPropagation();
    },
    true,
  );
}

const clientModule: ClientModule = {
  onRouteUpdate({ location, previousLocation }) {
    if (previousLocation && elsewhere(location.pathname))
      window.location.replace(`${location.pathname}${location.search}${location.hash}`);
  },
};

export const { onRouteUpdate } = clientModule;
