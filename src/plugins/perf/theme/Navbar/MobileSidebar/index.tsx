/**
 * theme-classic's phone menu (the drawer behind the navbar toggle), built
 * when the reader reaches for the toggle instead of right after page load.
 * theme-classic renders the drawer, hidden, as soon as it knows the window is
 * narrow, with the section's whole doc sidebar in it: on the synthetic ADR
 * section (150 records) that was a 300 ms render under Lighthouse's mobile
 * CPU, on every page load, for a menu most readers never open. It is now
 * built on the first press, focus or touch of the toggle, so it is there,
 * hidden, before the click opens it and slides in as before; should the menu
 * be opened some other way, it is built then.
 */
import { useEffect, useState, type ReactNode } from 'react';
import OriginalMobileSidebar from '@theme-init/Navbar/MobileSidebar';
import { useNavbarMobileSidebar } from '@docusaurus/theme-common/internal';

const TOGGLE = '.navbar__toggle';

export default function NavbarMobileSidebar(): ReactNode {
  const { shown } = useNavbarMobileSidebar();
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (wanted) return undefined;
    const reach = (event: Event) => {
      if (event.target instanceof Element && event.target.closest(TOGGLE)) setWanted(true);
    };
    const events = ['pointerdown', 'touchstart', 'focusin', 'keydown'] as const;
    for (const type of events) document.addEventListener(type, reach, { capture: true, passive: true });
    return () => {
      for (const type of events) document.removeEventListener(type, reach, { capture: true });
    };
  }, [wanted]);
  return wanted || shown ? <OriginalMobileSidebar /> : null;
}
