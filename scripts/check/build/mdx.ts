// MDX compilation with Docusaurus's own processor (mdx-loader), the way the
// site's build compiles a page, and what the page needs from outside: the
// modules it imports and the components its JSX names.
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageDir } from './docusaurus.ts';
import { siteMarkdown } from './site-markdown.ts';

const require = createRequire(import.meta.url);

export interface MdxAnalysis {
  /** The compile error, with its line in the file. */
  error?: { line: number; column: number; message: string };
  /** `import … from 'source'` and `export … from 'source'`. */
  imports: { source: string; line: number }[];
  /** JSX elements whose name is a component (capitalised or `a.b`), by the name the page must define. */
  components: { name: string; line: number }[];
  /** Names the page itself defines: imports and exports. */
  declared: string[];
  /**
   * Free names read by `{expressions}` and JSX attribute values (`{p99}`,
   * `data={rows}`); expressions that bind names themselves (functions,
   * classes) are left out rather than guessed at.
   */
  references: { name: string; line: number }[];
}

interface EstreeNode {
  type: string;
  loc?: { start: { line: number } };
  source?: { value: unknown } | null;
  specifiers?: { local?: { name: string } }[];
  declaration?: EstreeNode | null;
  declarations?: { id: EstreeNode }[];
  id?: { type?: string; name?: string } | null;
  name?: string;
  properties?: { value?: EstreeNode; argument?: EstreeNode }[];
  computed?: boolean;
  property?: EstreeNode;
  key?: EstreeNode;
  elements?: (EstreeNode | null)[];
}

interface MdastNode {
  type: string;
  name?: string | null;
  attributes?: { type: string; value?: unknown; data?: { estree?: EstreeProgram } }[];
  position?: { start: { line: number } };
  data?: { estree?: EstreeProgram };
  children?: MdastNode[];
}

interface EstreeProgram {
  body: EstreeNode[];
}

/** Node types that bind names of their own: an expression holding one is not analysed. */
const binding = /Function|Class|Declaration|CatchClause|ForIn|ForOf|Labeled/;

/** Free identifiers an expression reads, or [] when it binds names itself. */
function freeNames(program: EstreeProgram | undefined, fallbackLine: number): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  let bailed = false;
  const visit = (node: unknown, skip?: unknown): void => {
    if (bailed || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const n = node as EstreeNode & Record<string, unknown>;
    if (typeof n.type !== 'string') return;
    if (binding.test(n.type)) {
      bailed = true;
      return;
    }
    if (n.type === 'Identifier' && n !== skip) {
      out.push({ name: n.name!, line: n.loc?.start.line ?? fallbackLine });
      return;
    }
    if (n.type === 'JSXIdentifier' && /^[A-Z]/.test(String(n.name)) && n !== skip) {
      out.push({ name: String(n.name), line: n.loc?.start.line ?? fallbackLine });
      return;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'loc' || k === 'range' || k === 'type') continue;
      // a.b: b is a property name, not a variable; {b: 1}: b is a key; <X a={1}>: a is an attribute name.
      if ((n.type === 'MemberExpression' || n.type === 'JSXMemberExpression') && k === 'property' && !n.computed)
        continue;
      if (n.type === 'Property' && k === 'key' && !n.computed) continue;
      if (n.type === 'JSXAttribute' && k === 'name') continue;
      if (n.type === 'JSXClosingElement') continue;
      visit(v);
    }
  };
  visit(program?.body);
  return bailed ? [] : out;
}

function bindingNames(node: EstreeNode | null | undefined, out: string[]): void {
  if (!node) return;
  if (node.type === 'Identifier' && node.name) out.push(node.name);
  else if (node.type === 'ObjectPattern')
    for (const p of node.properties ?? []) bindingNames(p.value ?? p.argument, out);
  else if (node.type === 'ArrayPattern') for (const e of node.elements ?? []) bindingNames(e, out);
  else if (node.type === 'RestElement' || node.type === 'AssignmentPattern')
    bindingNames(
      (node as { argument?: EstreeNode; left?: EstreeNode }).argument ?? (node as { left?: EstreeNode }).left,
      out,
    );
}

/** Remark plugin run where the site's own remark plugins run: records imports, exports and component names. */
function collect(): (tree: MdastNode, file: { data: Record<string, unknown> }) => void {
  return (tree, file) => {
    const found: Omit<MdxAnalysis, 'error'> = { imports: [], components: [], declared: [], references: [] };
    const walk = (node: MdastNode) => {
      const line = node.position?.start.line ?? 1;
      if (node.type === 'mdxjsEsm') {
        for (const stmt of node.data?.estree?.body ?? []) {
          const at = stmt.loc?.start.line ?? line;
          if (stmt.source && typeof stmt.source.value === 'string')
            found.imports.push({ source: stmt.source.value, line: at });
          for (const s of stmt.specifiers ?? [])
            if (stmt.type === 'ImportDeclaration' && s.local?.name) found.declared.push(s.local.name);
          const decl = stmt.declaration;
          if (decl?.id?.name) found.declared.push(decl.id.name);
          for (const d of decl?.declarations ?? []) bindingNames(d.id, found.declared);
        }
      } else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
        found.references.push(...freeNames(node.data?.estree, line));
      } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        const name = node.name;
        if (name && (name.includes('.') || /^[A-Z_$]/.test(name))) {
          found.components.push({ name: name.split('.')[0]!, line });
        }
        for (const attr of node.attributes ?? []) {
          const value = attr.type === 'mdxJsxExpressionAttribute' ? attr : (attr.value as typeof attr | undefined);
          if (value && typeof value === 'object') found.references.push(...freeNames(value.data?.estree, line));
        }
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree);
    file.data.kbCheck = found;
  };
}

type Process = (p: {
  content: string;
  filePath: string;
  frontMatter: Record<string, unknown>;
  compilerName: string;
}) => Promise<{ data: Record<string, unknown> }>;

let processor: Promise<{ process: Process; preprocess: (text: string, filePath: string) => string }> | undefined;

/** Docusaurus's MDX processor configured as the site configures it (loaded once, on first use). */
function mdxProcessor(siteDir: string) {
  processor ??= (async () => {
    const { createProcessorUncached } = require('@docusaurus/mdx-loader/lib/processor.js') as {
      createProcessorUncached: (p: { options: unknown; format: 'md' | 'mdx' }) => Promise<{ process: Process }>;
    };
    const preprocessor = require('@docusaurus/mdx-loader/lib/preprocessor.js') as {
      default: (p: { fileContent: string; filePath: string; markdownConfig: unknown; admonitions: unknown }) => string;
    };
    const { DEFAULT_CONFIG } = require(path.join(packageDir('@docusaurus/core'), 'lib/server/configValidation.js')) as {
      DEFAULT_CONFIG: { markdown: Record<string, unknown> };
    };
    if (
      typeof createProcessorUncached !== 'function' ||
      typeof preprocessor.default !== 'function' ||
      !DEFAULT_CONFIG?.markdown
    ) {
      throw new Error(
        'kb check: @docusaurus/mdx-loader internals changed (createProcessorUncached / preprocessor / DEFAULT_CONFIG); update scripts/check/build/mdx.ts',
      );
    }
    const compat = !siteMarkdown.mdx1CompatDisabled;
    const markdownConfig = {
      ...DEFAULT_CONFIG.markdown,
      format: siteMarkdown.format,
      mermaid: siteMarkdown.mermaid,
      mdx1Compat: { comments: compat, admonitions: compat, headingIds: compat },
      // Missing images and links are the broken-link rule's findings; here they must not stop the compile.
      hooks: { onBrokenMarkdownLinks: 'ignore', onBrokenMarkdownImages: 'ignore' },
    };
    const options = {
      markdownConfig,
      admonitions: true,
      siteDir,
      staticDirs: [path.join(siteDir, 'static')],
      remarkPlugins: [collect],
      rehypePlugins: [],
      beforeDefaultRemarkPlugins: [],
      beforeDefaultRehypePlugins: [],
    };
    const { process } = await createProcessorUncached({ options, format: 'mdx' });
    return {
      process,
      preprocess: (fileContent: string, filePath: string) =>
        preprocessor.default({ fileContent, filePath, markdownConfig, admonitions: true }),
    };
  })();
  return processor;
}

/** Compiles one MDX page with the site's processor; never throws for the page's own faults. */
export async function analyzeMdx(
  text: string,
  filePath: string,
  siteDir: string,
  frontMatter: Record<string, unknown>,
): Promise<MdxAnalysis> {
  const { process, preprocess } = await mdxProcessor(siteDir);
  try {
    const result = await process({
      content: preprocess(text, filePath),
      filePath,
      frontMatter,
      compilerName: 'server',
    });
    return result.data.kbCheck as MdxAnalysis;
  } catch (error) {
    const e = error as {
      line?: number;
      column?: number;
      reason?: string;
      message?: string;
      place?: { line?: number; column?: number; start?: { line: number; column: number } };
    };
    const message = (e.reason ?? e.message ?? String(error)).split('\n')[0]!;
    // Some messages name the real place, e.g. an unclosed tag "(3:1-3:10)", while the error sits at 1:1.
    const named = /\((\d+):(\d+)-\d+:\d+\)/.exec(message);
    const line = named ? Number(named[1]) : (e.line ?? e.place?.line ?? e.place?.start?.line ?? 1);
    const column = named ? Number(named[2]) : (e.column ?? e.place?.column ?? e.place?.start?.column ?? 1);
    return { error: { line, column, message }, imports: [], components: [], declared: [], references: [] };
  }
}
