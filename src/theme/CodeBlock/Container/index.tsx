/**
 * theme-classic's CodeBlock/Container without the theme's plain colours as
 * inline CSS variables: src/plugins/code-highlight sets them per colour mode
 * in a stylesheet, so the container is right in either mode without a
 * re-render.
 */
import type { ComponentProps, ReactNode } from 'react';
import clsx from 'clsx';
import { ThemeClassNames } from '@docusaurus/theme-common';
import type OriginalContainer from '@theme-original/CodeBlock/Container';
import styles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Container/styles.module.css';

export default function CodeBlockContainer({ as: As, ...props }: ComponentProps<typeof OriginalContainer>): ReactNode {
  return (
    <As {...props} className={clsx(props.className, styles.codeBlockContainer, ThemeClassNames.common.codeBlock)} />
  );
}
