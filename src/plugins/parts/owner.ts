/**
 * Which part owns a URL path (see model.ts). No dependencies: the client
 * module (client.ts) ships it to the browser.
 */

export interface SitePart {
  name: string;
  /** URL path prefixes the part owns; [] for the home part, which owns every path no other part does. */
  paths: string[];
}

/** Where each part but the home part puts its search index: `pagefind/parts/<name>/`, beside the home part's `pagefind/`. */
export const PART_INDEX_DIR = 'pagefind/parts';

/** The name of the home part (the one without prefixes). */
export function homePart(parts: readonly SitePart[]): string {
  return parts.find((p) => p.paths.length === 0)!.name;
}

/** The part that owns a URL path (without the base URL). */
export function ownerOf(parts: readonly SitePart[], pathname: string): string {
  let best: { name: string; length: number } | undefined;
  for (const part of parts) {
    for (const p of part.paths) {
      if ((pathname === p || pathname.startsWith(`${p}/`)) && (!best || p.length > best.length))
        best = { name: part.name, length: p.length };
    }
  }
  return best?.name ?? homePart(parts);
}

/** A route path without the site's base URL (`/kb/docs` → `/docs` for base `/kb/`). */
export function withoutBase(pathname: string, baseUrl: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  if (base && (pathname === base || pathname.startsWith(`${base}/`))) return pathname.slice(base.length) || '/';
  return pathname;
}
