/**
 * theme-classic's CodeBlock, for code highlighted at build time
 * (src/plugins/code-highlight): a fenced block arrives with its
 * `highlightedLines`, which ./Content renders as they are. The browser never
 * loads Prism, and colours come from a stylesheet with both colour modes, so
 * the block is not remounted after hydration (theme-classic remounts every
 * block, because its inline colours are those of the mode the HTML was built
 * in). A string block without highlighted lines (a `<CodeBlock>` written in
 * JSX) shows plain text.
 */
import React, { isValidElement, type ComponentProps, type ReactNode } from 'react';
import type OriginalCodeBlock from '@theme-original/CodeBlock';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';
import { HighlightedLines } from '@site/src/plugins/code-highlight/client/lines';

type Props = ComponentProps<typeof OriginalCodeBlock> & { highlightedLines?: string };

/** As theme-classic: a plain string when the children are strings, so the block can be copied. */
function maybeStringifyChildren(children: ReactNode): ReactNode {
  if (React.Children.toArray(children).some((el) => isValidElement(el))) return children;
  return Array.isArray(children) ? children.join('') : children;
}

export default function CodeBlock({ children: rawChildren, highlightedLines, ...props }: Props): ReactNode {
  const children = maybeStringifyChildren(rawChildren);
  if (typeof children !== 'string') return <ElementContent {...props}>{children}</ElementContent>;
  return (
    <HighlightedLines.Provider value={highlightedLines}>
      <StringContent {...props}>{children}</StringContent>
    </HighlightedLines.Provider>
  );
}
