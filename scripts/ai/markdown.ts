/**
 * Turns a page's source into plain, readable Markdown: MDX imports/exports
 * dropped, known components replaced by their text or a Markdown equivalent,
 * JSX expressions dropped (string literals kept). CommonMark pages (.md) are
 * kept as written. Pure: string in, string out.
 */
import type { Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { leadingHeading, type PageRecord } from './records.ts';

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}
interface JsxNode {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: JsxAttribute[];
  children: RootContent[];
}

function attr(node: JsxNode, name: string): string | undefined {
  const a = node.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  if (!a) return undefined;
  if (typeof a.value === 'string') return a.value;
  if (a.value && typeof a.value === 'object' && 'value' in a.value) {
    const m = /^\s*(['"`])([\s\S]*)\1\s*$/.exec(String((a.value as { value: unknown }).value));
    return m?.[2];
  }
  return undefined;
}

const phrasingTypes = new Set([
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'break',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'footnoteReference',
  'html',
]);
const admonitionTypes = new Set([
  'note',
  'tip',
  'info',
  'warning',
  'danger',
  'caution',
  'important',
  'success',
  'secondary',
]);
/** Summary text of each `<details>`, taken out before its children are converted. */
const summaries = new WeakMap<JsxNode, string>();
/** Components that only make sense in the browser; they leave nothing behind. */
const droppedComponents = new Set(['DocCardList', 'TOCInline', 'BrowserOnly', 'Head', 'head', 'script', 'style']);

function paragraph(children: PhrasingContent[]): RootContent {
  return { type: 'paragraph', children };
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

/** Wraps stray phrasing nodes in paragraphs so they can sit in a flow position. */
function asFlow(nodes: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  let run: PhrasingContent[] = [];
  const flush = () => {
    if (run.some((n) => n.type !== 'text' || n.value.trim() !== '')) out.push(paragraph(run));
    run = [];
  };
  for (const n of nodes) {
    if (phrasingTypes.has(n.type)) run.push(n as PhrasingContent);
    else {
      flush();
      out.push(n);
    }
  }
  flush();
  return out;
}

/** The HTML of a `dangerouslySetInnerHTML={{ __html: "…" }}` attribute, when it is a plain string. */
function innerHtml(node: JsxNode): string | undefined {
  const a = node.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === 'dangerouslySetInnerHTML');
  const code =
    a?.value && typeof a.value === 'object' && 'value' in a.value ? String((a.value as { value: unknown }).value) : '';
  const m = /__html\s*:\s*("(?:[^"\\]|\\.)*")/.exec(code);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]!) as string;
  } catch {
    return undefined;
  }
}

const decodeEntities = (t: string) =>
  t
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Inline HTML (an SVG chart) said in words: its accessible label, title and description. */
function describeHtml(html: string): string | undefined {
  const label = /aria-label="([^"]*)"/.exec(html)?.[1] ?? /<title>([^<]*)<\/title>/.exec(html)?.[1];
  const desc = /<desc>([^<]*)<\/desc>/.exec(html)?.[1];
  if (!label && !desc) return undefined;
  const kind = /^\s*<svg/.test(html) ? 'Chart' : 'Figure';
  return `${kind}: ${decodeEntities([label, desc].filter(Boolean).join(' — '))}`;
}

/** Markdown to show in place of a data-driven component (e.g. the ADR list for `<AdrIndex>`). */
export type ComponentText = Readonly<Record<string, () => string>>;

function convertJsx(node: JsxNode, flow: boolean, components: ComponentText): RootContent[] {
  const name = node.name ?? '';
  const children = node.children;
  const wrap = (nodes: RootContent[]) => (flow ? asFlow(nodes) : nodes);
  if (droppedComponents.has(name)) return [];
  const replacement = Object.hasOwn(components, name) ? components[name] : undefined;
  if (replacement) {
    const tree = unified().use(remarkParse).use(remarkGfm).parse(replacement()) as Root;
    return flow ? tree.children : tree.children.flatMap((c) => ('children' in c ? (c.children as RootContent[]) : [c]));
  }
  const html = innerHtml(node);
  if (html !== undefined) {
    const said = describeHtml(html);
    return said ? wrap([{ type: 'emphasis', children: [text(said)] }]) : [];
  }
  switch (name) {
    case 'TabItem': {
      const label = attr(node, 'label') ?? attr(node, 'value');
      if (!flow) return label ? [{ type: 'strong', children: [text(label)] }, text(': '), ...children] : children;
      return label ? [paragraph([{ type: 'strong', children: [text(label)] }]), ...asFlow(children)] : asFlow(children);
    }
    case 'Admonition': {
      const type = attr(node, 'type') ?? 'note';
      const title = attr(node, 'title');
      const kind = admonitionTypes.has(type) ? type : 'note';
      if (!flow) return [{ type: 'strong', children: [text(`${title ?? kind}:`)] }, text(' '), ...children];
      return [
        paragraph([text(`:::${kind}${title ? `[${title}]` : ''}`)]),
        ...asFlow(children),
        paragraph([text(':::')]),
      ];
    }
    case 'details':
    case 'Details': {
      const head = summaries.get(node) ?? attr(node, 'summary') ?? 'Details';
      if (!flow) return [{ type: 'strong', children: [text(head)] }, text(': '), ...children];
      return [paragraph([{ type: 'strong', children: [text(head)] }]), ...asFlow(children)];
    }
    case 'summary':
      return wrap([{ type: 'strong', children: [text(mdastToString(node as unknown as Nodes))] }]);
    case 'CodeBlock':
      return [
        {
          type: 'code',
          lang: attr(node, 'language') ?? null,
          meta: attr(node, 'title') ? `title="${attr(node, 'title')}"` : null,
          value: mdastToString(node as unknown as Nodes),
        },
      ];
    case 'Mermaid': {
      const value = attr(node, 'value') ?? attr(node, 'chart');
      return value ? [{ type: 'code', lang: 'mermaid', value }] : [];
    }
    case 'img': {
      const src = attr(node, 'src');
      return src
        ? wrap([{ type: 'image', url: src, alt: attr(node, 'alt') ?? '', title: attr(node, 'title') ?? null }])
        : [];
    }
    case 'a':
    case 'Link': {
      const href = attr(node, 'href') ?? attr(node, 'to');
      const inner = children as PhrasingContent[];
      return wrap(href ? [{ type: 'link', url: href, title: null, children: inner }] : inner);
    }
    case 'br':
      return flow ? [] : [{ type: 'break' }];
    case 'code':
    case 'kbd':
      return wrap([{ type: 'inlineCode', value: mdastToString(node as unknown as Nodes) }]);
    case 'strong':
    case 'b':
      return wrap([{ type: 'strong', children: children as PhrasingContent[] }]);
    case 'em':
    case 'i':
      return wrap([{ type: 'emphasis', children: children as PhrasingContent[] }]);
    default:
      // Unknown component or HTML element: keep what it says, drop the markup.
      return wrap(children);
  }
}

function literalOf(expression: string): string | null {
  const m = /^\s*(['"`])([\s\S]*)\1\s*$/.exec(expression);
  return m && !(m[1] === '`' && m[2]!.includes('${')) ? m[2]! : null;
}

function transform(parent: Parent, components: ComponentText): void {
  const next: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    const type = child.type as string;
    if (type === 'mdxjsEsm') continue;
    if (type === 'mdxFlowExpression' || type === 'mdxTextExpression') {
      const literal = literalOf(String((child as { value?: unknown }).value ?? ''));
      if (literal !== null) next.push(type === 'mdxFlowExpression' ? paragraph([text(literal)]) : text(literal));
      continue;
    }
    if (type === 'mdxJsxFlowElement' || type === 'mdxJsxTextElement') {
      const jsx = child as unknown as JsxNode;
      if (jsx.name === 'details' || jsx.name === 'Details') {
        // The summary becomes the bold lead-in; find it before its markup is dropped.
        const isSummary = (c: RootContent) => (c as Partial<JsxNode>).name === 'summary';
        const first = jsx.children[0];
        const holder =
          first?.type === 'paragraph' && first.children.some((c) => isSummary(c as RootContent))
            ? (first as Parent)
            : (jsx as unknown as Parent);
        const summary = (holder.children as RootContent[]).find(isSummary);
        if (summary) {
          summaries.set(jsx, mdastToString(summary as Nodes).trim());
          holder.children = (holder.children as RootContent[]).filter((c) => c !== summary) as Parent['children'];
        }
      }
      transform(jsx as unknown as Parent, components);
      next.push(...convertJsx(jsx, type === 'mdxJsxFlowElement', components));
      continue;
    }
    if ('children' in child) transform(child as Parent, components);
    if (child.type === 'paragraph' && child.children.every((c) => c.type === 'text' && c.value.trim() === '')) continue;
    next.push(child);
  }
  parent.children = next as Parent['children'];
}

/** Readable Markdown of a page body (front matter already removed). */
export function toReadableMarkdown(body: string, isMdx: boolean, components: ComponentText = {}): string {
  // The marker test first: 10,000 run page bodies (80 MB) have none, and the regex scans every line.
  if (!isMdx) return (body.includes('truncate') ? body.replace(/^\s*<!--\s*truncate\s*-->\s*$/gm, '') : body).trim();
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);
  const tree = processor.parse(body) as Root;
  transform(tree, components);
  const out = unified()
    .use(remarkGfm)
    .use(remarkStringify, { bullet: '-', fences: true, rule: '-', emphasis: '_', listItemIndent: 'one' })
    .stringify(tree);
  // remark escapes the admonition fences it sees as text; put them back.
  return out.replace(/^\\?:\\?:\\?:(\w*)(\\?\[.*)?$/gm, (line) => line.replace(/\\/g, '')).trim();
}

/** Drops the page's own leading `# Title` (the mirror writes its own). */
function withoutLeadingTitle(markdown: string, title: string): string {
  const heading = leadingHeading(markdown);
  if (heading === null) return markdown;
  const m = /^\s*#[ \t]+.+$/m.exec(markdown)!;
  return heading.trim().toLowerCase() === title.trim().toLowerCase()
    ? markdown.slice(m.index + m[0].length).replace(/^\s*\n/, '')
    : markdown;
}

/** The metadata lines under a mirror's title. */
export function metadataLines(record: PageRecord): string[] {
  const lines: [string, string | null][] = [
    ['Kind', record.kind],
    ['Status', record.status],
    ['ADR', record.adr === null ? null : String(record.adr).padStart(4, '0')],
    ['Date', record.date],
    ['Owner', record.owner],
    ['Week', record.week === null ? null : String(record.week)],
    ['Review by', record.reviewBy],
    [
      'Supersedes',
      record.supersedes.length ? record.supersedes.map((n) => `ADR ${String(n).padStart(4, '0')}`).join(', ') : null,
    ],
    ['Superseded by', record.supersededBy === null ? null : `ADR ${String(record.supersededBy).padStart(4, '0')}`],
    ['Tags', record.tags.length ? record.tags.join(', ') : null],
    ['URL', record.url],
  ];
  const out = lines.filter((l): l is [string, string] => l[1] !== null).map(([k, v]) => `- ${k}: ${v}`);
  for (const v of record.sloVerdicts) {
    const value = v.value === null || v.value === undefined ? '' : ` (${v.value}${v.unit ? ` ${v.unit}` : ''})`;
    out.push(`- SLO ${v.target}: ${v.verdict}${value}`);
  }
  return out;
}

/** Source path → Markdown URL of every page, to point relative links at mirrors. */
export type LinkMap = ReadonlyMap<string, string>;

function resolveRelative(fromSource: string, href: string): string {
  const parts = fromSource.split('/').slice(0, -1);
  let decoded = href;
  try {
    decoded = decodeURI(href);
  } catch {
    // a malformed %-escape: resolve the link as written
  }
  for (const seg of decoded.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/**
 * Rewrites links to other source files (`./index.md`, `../slos/index.md#x`)
 * to the Markdown URL of their page, the way Docusaurus rewrites them to
 * HTML URLs. Links it cannot resolve are left as written.
 */
export function rewriteSourceLinks(markdown: string, fromSource: string, links: LinkMap): string {
  const target = (href: string): string | undefined => {
    const m = /^([^#?]+\.mdx?)(#.*)?$/.exec(href);
    if (!m || /^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
    const file = m[1]!.startsWith('/') ? m[1]!.replace(/^\/+/, '') : resolveRelative(fromSource, m[1]!);
    const url = links.get(file) ?? links.get(file.replace(/^@site\//, ''));
    return url === undefined ? undefined : `${url}${m[2] ?? ''}`;
  };
  // Only a `.md`/`.mdx` href is rewritten (target): text without one is returned as it is, unscanned.
  if (!markdown.includes('.md')) return markdown;
  return markdown
    .replace(/\]\(\s*<?([^)\s>]+)>?(\s+"[^"]*")?\s*\)/g, (all, href: string, title: string | undefined) => {
      const url = target(href);
      return url === undefined ? all : `](${url}${title ?? ''})`;
    })
    .replace(/^(\s{0,3}\[[^\]]+\]:\s*)(\S+)/gm, (all, lead: string, href: string) => {
      const url = target(href);
      return url === undefined ? all : `${lead}${url}`;
    });
}

/** The Markdown mirror of one page: title, description, metadata, then the readable body. Never throws. */
export function renderMirror(
  record: PageRecord,
  links?: LinkMap,
  onWarning?: (message: string) => void,
  components?: ComponentText,
): string {
  let readable: string;
  try {
    readable = toReadableMarkdown(record.body, record.isMdx, components);
  } catch (error) {
    // MDX this parser rejects is still worth reading: mirror it as written.
    onWarning?.(
      `${record.source}: MDX not converted (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); mirrored as written`,
    );
    readable = toReadableMarkdown(record.body, false);
  }
  const body = withoutLeadingTitle(links ? rewriteSourceLinks(readable, record.source, links) : readable, record.title);
  return `${mirrorHead(record)}${body.trim()}\n`;
}

/** A mirror up to its body: the title, the description as a quote, the metadata lines, a blank line. */
export function mirrorHead(record: PageRecord): string {
  const head = [`# ${record.title}`, ''];
  if (record.description) head.push(`> ${record.description.replace(/\s*\n\s*/g, ' ')}`, '');
  head.push(...metadataLines(record), '');
  return `${head.join('\n')}\n`;
}
