/**
 * Keeps a part of the server-rendered page as static HTML through hydration
 * and makes it a live React tree only when it is needed: the reader points at
 * it, focuses or touches it, or navigates to another page. Until then React
 * neither hydrates nor renders it.
 *
 * Used for the desktop doc sidebar (src/theme/DocSidebar/Desktop): on a
 * phone theme-classic hydrates the whole desktop sidebar (every link of a
 * 150-record ADR section) and removes it right after, once it knows the
 * window is narrow; on a desktop it is hydrated whether or not the reader
 * uses it.
 *
 * How: on the server the children render inside a `display: contents`
 * wrapper. While hydrating, the wrapper is rendered with an empty
 * `dangerouslySetInnerHTML` (one constant object: React 19 rewrites
 * innerHTML whenever that object changes), which React does not descend into,
 * so the server's markup stays.
 *
 * Going live replaces the static markup with React's (same HTML), so it
 * happens synchronously (flushSync) in the event that asks for it: a mouse
 * entering or a focus, before any button is pressed; were the markup replaced
 * between a press and its release, the browser would send the click to
 * neither. A click that still reaches the static markup (a tap: touches go
 * live on click only) is handled as the live tree would: a link navigates
 * client-side, anything else gets the click again once live.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useHistory, useLocation } from '@docusaurus/router';
import useIsBrowser from '@docusaurus/useIsBrowser';

const KEEP_SERVER_HTML = { __html: '' };
const WRAPPER = { display: 'contents' } as const;
/**
 * Whether pages come with server HTML to keep: production builds are rendered ahead (SSG) and hydrated;
 * `docusaurus start` renders on the client only, where keeping "the server's markup" kept nothing and the
 * sidebar stayed empty until the first client-side navigation.
 */
const SERVER_RENDERED = process.env.NODE_ENV === 'production';

/**
 * True while React hydrates server HTML, false on a client render: core's
 * `isBrowser` turns true only after hydration, in a transition
 * (theme-patches-loader.cjs). Not useSyncExternalStore with a server
 * snapshot that differs from the client's: React re-renders such a store's
 * readers synchronously the moment hydration commits, and on a runbook that
 * sync render took 26 ms at 4× slowdown inside the passive effects' task.
 */
function useHydrating(): boolean {
  return !useIsBrowser();
}

/** A left click without modifiers on a same-origin link that opens in this tab: what the router would handle. */
function routerLink(event: MouseEvent): HTMLAnchorElement | undefined {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return undefined;
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== '_self') || link.hasAttribute('download'))
    return undefined;
  return link.origin === window.location.origin ? link : undefined;
}

/** Child indexes from `root` down to `node`. */
function pathFrom(root: Node, node: Node): number[] {
  const path: number[] = [];
  for (let n: Node | null = node; n && n !== root; n = n.parentNode)
    path.unshift(Array.prototype.indexOf.call(n.parentNode?.childNodes ?? [], n));
  return path;
}

function nodeAt(root: Node, path: readonly number[]): Node | undefined {
  let n: Node | undefined = root;
  for (const i of path) n = n?.childNodes[i];
  return n;
}

export default function HydrateOnDemand({ children }: { children: ReactNode }): ReactNode {
  const hydrating = useHydrating();
  const [wanted, setWanted] = useState(!hydrating);
  const { pathname } = useLocation();
  const [firstPathname] = useState(pathname);
  const history = useHistory();
  const ref = useRef<HTMLDivElement>(null);
  const liveRef = useRef<HTMLDivElement>(null);
  const live = typeof window === 'undefined' || !SERVER_RENDERED || wanted || pathname !== firstPathname;

  useEffect(() => {
    const el = ref.current;
    if (live || !el) return undefined;
    const wake = () => flushSync(() => setWanted(true));
    const pointer = (event: PointerEvent) => event.pointerType !== 'touch' && wake();
    const click = (event: MouseEvent) => {
      const link = routerLink(event);
      const path = event.target instanceof Node ? pathFrom(el, event.target) : undefined;
      wake();
      if (link) {
        event.preventDefault();
        history.push(`${link.pathname}${link.search}${link.hash}`);
        return;
      }
      const again = path && liveRef.current ? nodeAt(liveRef.current, path) : undefined;
      if (again instanceof HTMLElement) {
        event.preventDefault();
        again.click();
      }
    };
    el.addEventListener('pointerover', pointer, { passive: true });
    el.addEventListener('focusin', wake);
    el.addEventListener('click', click);
    return () => {
      el.removeEventListener('pointerover', pointer);
      el.removeEventListener('focusin', wake);
      el.removeEventListener('click', click);
    };
  }, [live, history]);

  // Distinct keys: going live replaces the static wrapper instead of patching it.
  return live ? (
    <div key="live" ref={liveRef} style={WRAPPER}>
      {children}
    </div>
  ) : (
    <div key="static" ref={ref} style={WRAPPER} dangerouslySetInnerHTML={KEEP_SERVER_HTML} suppressHydrationWarning />
  );
}
