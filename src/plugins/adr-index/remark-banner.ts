/**
 * Remark plugin for the `adr` docs instance: a superseded or deprecated
 * record opens with a warning admonition pointing to its successor. It runs
 * before Docusaurus's own plugins, so the admonition is rendered like any
 * `:::warning` and the link to `NNNN-slug.md` is resolved (and checked) like
 * any Markdown link: static HTML, no client code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { numberOfFile } from '../../../scripts/adr/numbering.ts';

interface Node {
  type: string;
  children?: Node[];
  depth?: number;
  [key: string]: unknown;
}

function titleOf(file: string): string | undefined {
  const m = /^title:\s*(.+)$/m.exec(readFileSync(file, 'utf8').split(/\n---\s*\n/)[0] ?? '');
  return m?.[1]?.trim().replace(/^(['"])(.*)\1$/, '$2');
}

/** The paragraph under the banner: pure function of the record's front matter and its folder. */
export function bannerFor(frontMatter: Record<string, unknown>, dir: string): Node | undefined {
  const status = frontMatter.status;
  if (status !== 'superseded' && status !== 'deprecated') return undefined;
  const successor = typeof frontMatter['superseded-by'] === 'number' ? frontMatter['superseded-by'] : undefined;
  const name = successor === undefined ? undefined : readdirSync(dir).find((n) => numberOfFile(n) === successor);
  const text = (value: string): Node => ({ type: 'text', value });
  const strong = (value: string): Node => ({ type: 'strong', children: [text(value)] });
  const children: Node[] =
    status === 'superseded'
      ? name
        ? [strong('Superseded.'), text(' This decision was replaced by '), { type: 'link', url: `./${name}`, children: [text(`ADR ${successor}: ${titleOf(path.join(dir, name)) ?? name}`)] }, text('. Read that record for the decision in force.')]
        : [strong('Superseded.'), text(` This decision was replaced${successor ? ` by ADR ${successor}` : ''}; see the decision index.`)]
      : [strong('Deprecated.'), text(' This decision no longer applies and nothing replaced it; check the decision index before relying on it.')];
  return {
    type: 'containerDirective',
    name: 'warning',
    attributes: {},
    children: [{ type: 'paragraph', children }],
  };
}

export default function remarkAdrBanner() {
  return (tree: Node, file: { path?: string; data?: { frontMatter?: Record<string, unknown> } }) => {
    if (!file.path || !file.data?.frontMatter || numberOfFile(path.basename(file.path)) === undefined) return;
    const banner = bannerFor(file.data.frontMatter, path.dirname(file.path));
    if (!banner || !tree.children) return;
    const h1 = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 1);
    tree.children.splice(h1 + 1, 0, banner);
  };
}
