import type { ReactNode } from 'react';
import { parseExcerpt } from './pagefind.ts';

/** A Pagefind excerpt with its matches highlighted, rendered as text (never as HTML). */
export default function Excerpt({ html, className }: { html: string; className?: string }): ReactNode {
  return (
    <span className={className}>
      {parseExcerpt(html).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}
    </span>
  );
}
