/**
 * theme-classic's CodeBlock/Content without Prism: the lines were highlighted
 * at build time (src/plugins/code-highlight) and are inserted as HTML, so
 * hydration creates one element per line instead of one per token and keeps
 * the server's spans. Same markup and classes as theme-classic's Content and
 * Line; the colours are classes styled for both modes instead of inline styles.
 */
import { useContext, useMemo, type ReactNode } from 'react';
import clsx from 'clsx';
import { useCodeBlockContext } from '@docusaurus/theme-common/internal';
import styles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Content/styles.module.css';
import lineStyles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Line/styles.module.css';
import { HighlightedLines, keptLines } from '@site/src/plugins/code-highlight/client/lines';

interface LineProps {
  /** Highlighted HTML, or else… */
  html?: string;
  /** …the line's plain text. */
  text: string;
  classNames?: string[];
  showLineNumbers: boolean;
}

function Line({ html, text, classNames, showLineNumbers }: LineProps): ReactNode {
  const className = clsx('token-line', classNames, showLineNumbers && lineStyles.codeLine);
  // React 19 rewrites innerHTML whenever this object is a new one (a block
  // re-renders after hydration, e.g. when it measures whether it scrolls):
  // the same object keeps the server's spans.
  const inner = useMemo(
    () => (html === undefined ? undefined : { __html: showLineNumbers ? html : `${html}<br>` }),
    [html, showLineNumbers],
  );
  if (showLineNumbers) {
    const content = inner === undefined ? { children: text } : { dangerouslySetInnerHTML: inner };
    return (
      <div className={className}>
        <span className={lineStyles.codeLineNumber} />
        <span className={lineStyles.codeLineContent} {...content} />
        <br />
      </div>
    );
  }
  // The <br> keeps an empty line's height, as in theme-classic's Line.
  return inner === undefined ? (
    <div className={className}>
      {text}
      <br />
    </div>
  ) : (
    <div className={className} dangerouslySetInnerHTML={inner} />
  );
}

export default function CodeBlockContent({ className }: { className?: string }): ReactNode {
  const { metadata, wordWrap } = useCodeBlockContext();
  const highlighted = keptLines(metadata.codeInput, metadata.code, useContext(HighlightedLines));
  const showLineNumbers = metadata.lineNumbersStart !== undefined;
  return (
    <pre
      ref={wordWrap.codeBlockRef}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- as theme-classic: scrollable code is focusable
      tabIndex={0}
      className={clsx(className, 'prism-code', `language-${metadata.language}`, styles.codeBlock, 'thin-scrollbar')}
    >
      <code
        className={clsx(styles.codeBlockLines, showLineNumbers && styles.codeBlockLinesWithNumbering)}
        style={showLineNumbers ? { counterReset: `line-count ${metadata.lineNumbersStart! - 1}` } : undefined}
      >
        {metadata.code.split('\n').map((text, i) => (
          <Line
            key={i}
            html={highlighted?.[i]}
            text={text}
            classNames={metadata.lineClassNames[i]}
            showLineNumbers={showLineNumbers}
          />
        ))}
      </code>
    </pre>
  );
}
