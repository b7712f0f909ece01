/**
 * Remark plugin: every fenced code block is highlighted at build time
 * (./highlight.ts) and carries the result to src/theme/CodeBlock as the
 * `highlightedLines` prop (one line of HTML per line of the block, joined by
 * "\n"; a highlighted line never holds a raw line break). The browser then
 * never loads or runs Prism, and hydration leaves each line's spans as the
 * server rendered them.
 *
 * The lines are those of the block as written, magic comments
 * (`// highlight-next-line`) included: the theme strips those lines when it
 * parses the block, and src/theme/CodeBlock/Content keeps the lines that
 * remain.
 */
import { visit } from 'unist-util-visit';
import { highlightLines, registerLanguages } from './highlight.ts';

export interface Options {
  /** `themeConfig.prism.additionalLanguages`. */
  additionalLanguages?: readonly string[];
  /** `themeConfig.prism.defaultLanguage`: the language of a block that names none. */
  defaultLanguage?: string;
}

interface CodeNode {
  type: 'code';
  lang?: string | null;
  value: string;
  data?: { hProperties?: Record<string, unknown> };
}

export default function remarkHighlightCode(options: Options = {}) {
  registerLanguages(options.additionalLanguages ?? []);
  return (tree: Parameters<typeof visit>[0]) => {
    visit(tree, 'code', (node) => {
      const code = node as unknown as CodeNode;
      const language = code.lang ?? options.defaultLanguage ?? 'text';
      const lines = highlightLines(code.value, language);
      code.data ??= {};
      code.data.hProperties = { ...code.data.hProperties, highlightedLines: lines.join('\n') };
    });
  };
}
