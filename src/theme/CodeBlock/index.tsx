/**
 * Code blocks, with Prism loaded only by pages that have code (src/plugins/perf,
 * highlighter/). The highlighter is there before this renders in every normal
 * case: statically on the server and in `npm start`, and in the production
 * client because preload loads it before hydrating a page with code and
 * before each client-side navigation. Should it still be loading (a
 * navigation that did not go through preload), the block shows its text and
 * is highlighted when the chunk arrives.
 */
import { useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import { getHighlighter, loadHighlighter } from '@kb/code-highlighter';
import type OriginalCodeBlock from '@theme-original/CodeBlock';

type Props = ComponentProps<typeof OriginalCodeBlock>;

function PlainUntilLoaded({ children }: Props): ReactNode {
  const [, setLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    void loadHighlighter().then(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <pre className="prism-code">
      <code>{typeof children === 'string' ? children : null}</code>
    </pre>
  );
}

export default function CodeBlock(props: Props): ReactNode {
  const Highlighted = getHighlighter();
  return Highlighted ? <Highlighted {...props} /> : <PlainUntilLoaded {...props} />;
}
