/**
 * code-highlight: code blocks highlighted at build time, so no page loads
 * Prism (issue 7: Prism's grammars took ~350 ms of script evaluation before
 * hydration on a runbook under Lighthouse's mobile CPU).
 * - remark.ts (in every content plugin's `remarkPlugins`, see
 *   docusaurus.config.ts) highlights each fenced block with ./highlight.ts;
 * - src/theme/CodeBlock renders those lines as they are;
 * - this plugin writes the colours of both modes (./theme-css.ts, from
 *   `themeConfig.prism`) into a stylesheet every page loads, and keeps
 *   theme-classic's `prism-include-languages` client module (which imports
 *   Prism into main.js and registers grammars on every page) out of the client.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { ThemeConfig } from '@docusaurus/theme-common';
import { prismThemeCss } from './theme-css.ts';

export default function codeHighlightPlugin(context: LoadContext): Plugin {
  const { prism, colorMode } = context.siteConfig.themeConfig as ThemeConfig;
  const css = path.join(context.generatedFilesDir, 'code-highlight', 'prism-themes.css');
  mkdirSync(path.dirname(css), { recursive: true });
  writeFileSync(css, prismThemeCss(prism.theme, prism.darkTheme, colorMode.defaultMode));
  const require = createRequire(path.join(context.siteDir, 'package.json'));
  const prismClientModule = require.resolve('@docusaurus/theme-classic/lib/prism-include-languages');
  return {
    name: 'code-highlight',
    getClientModules() {
      return [css];
    },
    configureWebpack() {
      return {
        resolve: {
          alias: { [prismClientModule]: path.join(context.siteDir, 'src/plugins/code-highlight/no-client-prism.ts') },
        },
      };
    },
  };
}
