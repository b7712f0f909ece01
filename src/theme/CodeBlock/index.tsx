/**
 * Code blocks load Prism on demand. MDXComponents imports CodeBlock for every
 * Markdown page, so a static import put Prism and its grammars (33 KB brotli,
 * tens of milliseconds of evaluation) on every doc, ADR and report page, code
 * or no code. Here the highlighter is a lazy chunk behind a Suspense boundary
 * per block:
 * - the build renders every block fully (Docusaurus waits for all Suspense
 *   boundaries), so the HTML is highlighted as before;
 * - a page without code never fetches Prism;
 * - on a page with code, hydration leaves each block's server HTML in place
 *   until the chunk arrives, while the rest of the page becomes interactive;
 * - after a client-side navigation a block shows its plain text for the
 *   moment the chunk takes, then highlighted.
 */
import { lazy, Suspense, type ComponentProps, type ReactNode } from 'react';
import type OriginalCodeBlock from '@theme-original/CodeBlock';

type Props = ComponentProps<typeof OriginalCodeBlock>;

const Highlighted = lazy(() => import('./Highlighted'));

function PlainCode({ children }: Props): ReactNode {
  return (
    <pre className="prism-code">
      <code>{typeof children === 'string' ? children : null}</code>
    </pre>
  );
}

export default function CodeBlock(props: Props): ReactNode {
  return (
    <Suspense fallback={<PlainCode {...props} />}>
      <Highlighted {...props} />
    </Suspense>
  );
}
