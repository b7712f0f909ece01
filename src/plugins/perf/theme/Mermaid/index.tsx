/**
 * theme-mermaid's diagram, rendered when it comes near the viewport (or the
 * page is printed) instead of on every page load. Mermaid is ~124 KB brotli
 * and renders in one long task; on a page whose diagram is further down, a
 * reader who never scrolls there no longer pays for it (issue 7: the
 * synthetic report pages, whose diagram closes the page, scored 71–73 on
 * mobile). Nothing else changes: theme-mermaid renders nothing on the server
 * either, and draws in the browser.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
// theme-mermaid's own: `@theme-init/Mermaid` would be theme-classic's placeholder (renders nothing), the first provider.
import OriginalMermaid from '@docusaurus/theme-mermaid/lib/theme/Mermaid/index.js';
import type { Props } from '@theme/Mermaid';
import styles from './styles.module.css';

/** How far ahead of the viewport a diagram starts to load: about a screen, so it is drawn before it is seen. */
const AHEAD = '100% 0px';

export default function Mermaid(props: Props): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return setNear(true);
    const show = () => setNear(true);
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), {
      rootMargin: AHEAD,
    });
    io.observe(el);
    window.addEventListener('beforeprint', show);
    return () => {
      io.disconnect();
      window.removeEventListener('beforeprint', show);
    };
  }, []);
  // Empty (not near yet, or Mermaid still drawing), the slot keeps some room for the diagram.
  return (
    <div ref={ref} className={`kb-mermaid-slot ${styles.slot}`}>
      {near ? <OriginalMermaid {...props} /> : null}
    </div>
  );
}
