// The rules that need Docusaurus's own parsers: what the build would stop on
// (front matter its plugins reject, MDX that does not compile, imports that do
// not resolve, undefined components) and what would break a page in the
// browser (Mermaid diagrams that do not parse). Slow parts are cached by
// content hash (cache.ts) and loaded only when something is not cached.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { finding, type Finding } from '../findings.ts';
import type { CheckDocument } from '../load.ts';
import { defaultCacheDir, memoryCache, openCache, type ContentCache } from './cache.ts';
import { toolVersionKey } from './docusaurus.ts';
import { checkDocusaurusFrontMatter } from './front-matter.ts';
import { analyzeMdx, type MdxAnalysis } from './mdx.ts';
import { mermaidBlocks, parseMermaid, type MermaidError } from './mermaid.ts';
import { createResolver, providedComponents } from './resolve.ts';
import { formatOf } from './site-markdown.ts';

export interface BuildRuleOptions {
  /** Cache folder; `false` keeps results in memory only. Default: node_modules/.cache/kb-check of this checkout. */
  cacheDir?: string | false;
}

/** Runs the build rules over documents read from `root`. Never throws for a page's fault. */
export async function checkBuildRules(
  root: string,
  documents: readonly CheckDocument[],
  options: BuildRuleOptions = {},
): Promise<Finding[]> {
  const cache: ContentCache =
    options.cacheDir === false ? memoryCache() : openCache(options.cacheDir ?? defaultCacheDir(), toolVersionKey());
  try {
    return [
      ...(await checkDocusaurusFrontMatter(documents, cache)),
      ...(await checkMdx(root, documents, cache)),
      ...(await checkMermaid(documents, cache)),
    ];
  } finally {
    cache.save();
  }
}

const syntaxHint =
  'in .mdx, `{` and `<` start JavaScript and JSX: write `\\{` and `&lt;` for the characters, close every tag, use {/* */} for comments — or rename the page to .md if it needs no JSX';

const headingIdHint =
  '`{#id}` after a heading is MDX 1 syntax (mdx1Compat is off in this site): write `\\{#id}` in .mdx (as the Docusaurus docs do), or rename the page to .md';

/**
 * Names every MDX page can read without defining them: what mdx-loader and
 * MDX put in the module (frontMatter, contentTitle, assets, toc, props) and
 * the JavaScript globals of the server that renders it (Node's, so `window`
 * and `document` are not among them: they fail server rendering too).
 */
const inScope = new Set([
  'frontMatter',
  'contentTitle',
  'assets',
  'toc',
  'props',
  ...Object.getOwnPropertyNames(globalThis),
]);

async function checkMdx(root: string, documents: readonly CheckDocument[], cache: ContentCache): Promise<Finding[]> {
  const findings: Finding[] = [];
  let resolver: ReturnType<typeof createResolver> | undefined;
  let provided: Set<string> | undefined;
  for (const doc of documents) {
    if (formatOf(doc.path, doc.frontMatter) !== 'mdx') continue;
    const abs = path.join(root, doc.path);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      continue; // it was read a moment ago; a file that vanished is not this rule's finding
    }
    let analysis = cache.get<MdxAnalysis>('mdx', text);
    if (!analysis) {
      analysis = await analyzeMdx(text, abs, root, doc.frontMatter);
      cache.set('mdx', text, analysis);
    }
    if (analysis.error) {
      const lineText = text.split('\n')[analysis.error.line - 1] ?? '';
      findings.push(
        finding(
          doc.path,
          analysis.error.line,
          'mdx-syntax',
          'error',
          `MDX cannot compile the page: ${analysis.error.message}`,
          /^#{1,6}\s.*\{#[^}]*\}\s*$/.test(lineText) ? headingIdHint : syntaxHint,
        ),
      );
      continue;
    }
    resolver ??= createResolver(root);
    for (const imp of analysis.imports) {
      if (!resolver.resolves(imp.source, abs)) {
        findings.push(
          finding(
            doc.path,
            imp.line,
            'mdx-import',
            'error',
            `import '${imp.source}' does not resolve to a file or package`,
            'fix the path (relative to the page, or @site/… from the site root; .md/.mdx need their extension) or add the file',
          ),
        );
      }
    }
    provided ??= providedComponents(root);
    const declared = new Set(analysis.declared);
    const seen = new Set<string>();
    for (const r of analysis.references) {
      if (declared.has(r.name) || inScope.has(r.name) || seen.has(r.name)) continue;
      if (/^[A-Z]/.test(r.name) && provided.has(r.name)) continue;
      seen.add(r.name);
      findings.push(
        finding(
          doc.path,
          r.line,
          'mdx-reference',
          'error',
          `the expression reads \`${r.name}\`, which the page does not define: rendering it fails (ReferenceError)`,
          `define it (export const ${r.name} = …; or import it), or write \\{ for a literal brace`,
        ),
      );
    }
    const reported = new Set<string>();
    for (const c of analysis.components) {
      if (declared.has(c.name) || provided.has(c.name) || reported.has(c.name)) continue;
      reported.add(c.name);
      findings.push(
        finding(
          doc.path,
          c.line,
          'mdx-component',
          'error',
          `<${c.name}> is not defined: not imported or exported by the page, and not one of the theme's MDX components`,
          `import it at the top of the page (e.g. import ${c.name} from '@site/src/components/${c.name}';), or write it in lower case if it is an HTML element`,
        ),
      );
    }
  }
  return findings;
}

async function checkMermaid(documents: readonly CheckDocument[], cache: ContentCache): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const doc of documents) {
    for (const block of mermaidBlocks(doc.body)) {
      let verdict = cache.get<MermaidError | null>('mermaid', block.text);
      if (verdict === undefined) {
        verdict = (await parseMermaid(block.text)) ?? null;
        cache.set('mermaid', block.text, verdict);
      }
      if (!verdict) continue;
      const fence = block.line + doc.frontMatterLines;
      findings.push(
        finding(
          doc.path,
          verdict.line ? fence + verdict.line : fence,
          'mermaid',
          'warning',
          `Mermaid cannot parse the diagram: ${verdict.message}`,
          'fix the diagram (mermaid.live shows the error as you type); the page builds, but readers see an error box instead of the diagram',
        ),
      );
    }
  }
  return findings;
}
