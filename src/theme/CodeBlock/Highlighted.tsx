/**
 * theme-classic's CodeBlock (lib/theme/CodeBlock/index.js), with the site's
 * additional Prism languages (themeConfig.prism.additionalLanguages)
 * registered when this module first loads, instead of in a client module that
 * put Prism into main.js (src/plugins/perf). index.tsx decides when this
 * module (and Prism with it) is loaded.
 *
 * One change: theme-classic remounts every block after hydration
 * (`key={String(isBrowser)}`), because the build renders the Prism theme of
 * the default colour mode as inline styles and hydration does not patch
 * styles. That remount re-tokenizes and re-creates every block in one
 * synchronous render: ~270 ms on a runbook, its whole Total Blocking Time on
 * desktop. Here a block remounts only when the reader's colour mode is not
 * the one the HTML was built with, the only case where the styles differ.
 */
import React, { isValidElement, type ComponentProps, type ReactNode } from 'react';
import { Prism } from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';
import type OriginalCodeBlock from '@theme-original/CodeBlock';
import useIsBrowser from '@docusaurus/useIsBrowser';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useColorMode, type ThemeConfig } from '@docusaurus/theme-common';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';

prismIncludeLanguages(Prism);

type Props = ComponentProps<typeof OriginalCodeBlock>;

/** As theme-classic: a plain string when the children are strings, so the block can be copied. */
function maybeStringifyChildren(children: ReactNode): ReactNode {
  if (React.Children.toArray(children).some((el) => isValidElement(el))) return children;
  return Array.isArray(children) ? children.join('') : children;
}

export default function CodeBlock({ children: rawChildren, ...props }: Props): ReactNode {
  const isBrowser = useIsBrowser();
  const { colorMode } = useColorMode();
  const builtMode = (useDocusaurusContext().siteConfig.themeConfig as ThemeConfig).colorMode.defaultMode;
  const children = maybeStringifyChildren(rawChildren);
  const Content = typeof children === 'string' ? StringContent : ElementContent;
  return (
    <Content key={isBrowser && colorMode !== builtMode ? colorMode : 'as-built'} {...props}>
      {children}
    </Content>
  );
}
