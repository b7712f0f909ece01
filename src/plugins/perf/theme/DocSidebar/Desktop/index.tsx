/**
 * theme-classic's desktop doc sidebar, hydrated on demand
 * (src/plugins/perf/client/hydrate-on-demand.tsx): static server HTML until
 * the reader uses it or navigates, so a phone, where theme-classic removes it
 * right after hydration, never hydrates it at all.
 */
import type { ComponentProps, ReactNode } from 'react';
import OriginalDesktop from '@theme-init/DocSidebar/Desktop';
import HydrateOnDemand from '../../../client/hydrate-on-demand';

export default function DocSidebarDesktop(props: ComponentProps<typeof OriginalDesktop>): ReactNode {
  return (
    <HydrateOnDemand>
      <OriginalDesktop {...props} />
    </HydrateOnDemand>
  );
}
