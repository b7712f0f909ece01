/**
 * Client side of build-time highlighting (../remark.ts): the highlighted
 * lines of the block being rendered, and which of them the theme keeps.
 */
import { createContext } from 'react';

/** The `highlightedLines` prop of the code block being rendered, for src/theme/CodeBlock/Content. */
export const HighlightedLines = createContext<string | undefined>(undefined);

/**
 * The HTML of each line the theme shows. `highlighted` has one line per line
 * of the block as written (`codeInput`); the theme's `code` is that text
 * without its final line break and without the lines that were magic comments
 * (`// highlight-next-line`), which never equal a line that is kept. Returns
 * undefined when the two do not line up (a block edited by something after
 * the build, a line break Prism and the theme split differently): the caller
 * then shows plain text rather than colours on the wrong lines.
 */
export function keptLines(codeInput: string, code: string, highlighted: string | undefined): string[] | undefined {
  if (highlighted === undefined) return undefined;
  const html = highlighted.split('\n');
  const written = codeInput.replace(/\r?\n$/, '').split(/\r?\n/);
  if (html.length !== written.length) return undefined;
  const kept = code.split('\n');
  const lines: string[] = [];
  for (let i = 0; i < written.length && lines.length < kept.length; i++) {
    if (written[i] === kept[lines.length]) lines.push(html[i]!);
  }
  return lines.length === kept.length ? lines : undefined;
}
