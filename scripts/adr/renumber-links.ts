import path from 'node:path/posix';
import { replaceLinks } from '../check/markdown-scan.ts';
import { layout } from '../core/project.ts';
import { escapeRegExp } from '../core/regexp.ts';
import { safeDecodeURIComponent } from '../core/uri.ts';

const external = /^[a-z][a-z0-9+.-]*:|^\/\//i;
const frontMatterBlock = /^---\r?\n[\s\S]*?\r?\n---(?:\r?\n|$)/;
const stem = (name: string) => name.replace(/\.mdx?$/, '');

export interface RecordRenames {
  /** Old file name → new file name, both in the ADR folder (`0002-x.md` → `0004-x.md`). */
  moves: ReadonlyMap<string, string>;
  /** The ADR folder relative to the root (default `adr`). */
  dir?: string;
  /** The route the ADR docs instance serves (default `/adr`). */
  route?: string;
}

/**
 * One Markdown file's text with its links to renamed ADRs pointed at the new
 * names; everything else, front matter included, byte for byte as it was.
 * `file` is the file's path relative to the root. Handled: relative file
 * links (`0002-x.md`, `./0002-x.md`, `../adr/0002-x.md#anchor`, with or
 * without the extension), `@site/adr/0002-x.md`, and site links
 * (`/adr/0002-x`, `/adr/0002-x/`, `/adr/0002-x.md`), in inline links, images
 * and reference definitions. Links in code are examples, not links: kept.
 */
export function rewriteRecordLinks(text: string, file: string, renames: RecordRenames): string {
  const dir = renames.dir ?? layout.adr;
  const route = renames.route ?? `/${layout.adr}`;
  const byStem = new Map([...renames.moves].map(([from, to]) => [stem(from), stem(to)]));
  const siteLink = new RegExp(`^${escapeRegExp(route)}/([^/]+?)(\\.mdx?)?(/?)$`);
  const rewrite = (url: string): string | undefined => {
    if (external.test(url)) return undefined;
    const cut = url.search(/[?#]/);
    const target = cut < 0 ? url : url.slice(0, cut);
    const suffix = cut < 0 ? '' : url.slice(cut);
    if (target.startsWith('/')) {
      const m = siteLink.exec(target);
      const next = m ? byStem.get(safeDecodeURIComponent(m[1]!)) : undefined;
      return next === undefined ? undefined : `${route}/${next}${m![2] ?? ''}${m![3]}${suffix}`;
    }
    const fromRoot = target.startsWith('@site/')
      ? path.normalize(target.slice('@site/'.length))
      : path.normalize(path.join(path.dirname(file), safeDecodeURIComponent(target)));
    if (path.dirname(fromRoot) !== dir) return undefined;
    const name = path.basename(fromRoot);
    const next = renames.moves.get(name) ?? byStem.get(name);
    return next === undefined ? undefined : `${target.slice(0, target.lastIndexOf('/') + 1)}${next}${suffix}`;
  };
  const head = frontMatterBlock.exec(text)?.[0] ?? '';
  const body = text.slice(head.length);
  const rewritten = replaceLinks(body, rewrite);
  return rewritten === body ? text : head + rewritten;
}
