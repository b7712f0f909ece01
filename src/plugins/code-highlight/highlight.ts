/**
 * Code highlighting at build time, with the same Prism and grammars the theme
 * would run in the browser: prism-react-renderer's Prism plus the site's
 * `themeConfig.prism.additionalLanguages`, registered the way theme-classic's
 * `prism-include-languages` does it. A block becomes one HTML string per
 * line, the token spans prism-react-renderer's `<Highlight>` would render,
 * with classes instead of inline colours: the colours of both colour modes
 * come from one stylesheet (./theme-css.ts), so a block needs no re-render
 * when the reader's mode differs from the built one.
 */
import { createRequire } from 'node:module';
import { Prism, normalizeTokens, type Token } from 'prism-react-renderer';
import { escapeHtml as escapeHtmlWith, htmlTextChars } from '../../../scripts/core/markdown-escape.ts';

const require = createRequire(import.meta.url);
const registered = new Set<string>();

/** Registers Prism grammars from `prismjs/components`, as theme-classic does in the browser. */
export function registerLanguages(languages: readonly string[]): void {
  const missing = languages.filter((language) => !registered.has(language));
  if (missing.length === 0) return;
  const global = globalThis as { Prism?: unknown };
  const previous = global.Prism;
  global.Prism = Prism;
  try {
    for (const language of missing) {
      // As theme-classic: php's grammar needs markup-templating first.
      if (language === 'php') require('prismjs/components/prism-markup-templating.js');
      require(`prismjs/components/prism-${language}`);
      registered.add(language);
    }
  } finally {
    if (previous === undefined) delete global.Prism;
    else global.Prism = previous;
  }
}

/** Token text in built HTML: `&`, `<`, `>` only, so quotes cost no bytes (scripts/core/markdown-escape.ts). */
export function escapeHtml(text: string): string {
  return escapeHtmlWith(text, htmlTextChars);
}

/**
 * One token as prism-react-renderer's getTokenProps renders it, minus the
 * inline style. Plain text has no style in any theme, so it is left as text
 * (and an empty plain token is dropped), except the empty line's marker.
 */
function tokenHtml(token: Token): string {
  if (token.empty) return '<span class="token plain" style="display:inline-block"></span>';
  if (token.types.length === 1 && token.types[0] === 'plain') return escapeHtml(token.content);
  return `<span class="token ${token.types.join(' ')}">${escapeHtml(token.content)}</span>`;
}

/**
 * The inner HTML of each line of `code` (the block's text without its final
 * line break), highlighted as `language`. A language Prism does not know is
 * plain text, as in the browser.
 */
export function highlightLines(code: string, language: string): string[] {
  const grammar = Prism.languages[language.toLowerCase()];
  const lines = normalizeTokens(grammar ? Prism.tokenize(code, grammar) : [code]);
  return lines.map((line) => {
    // As theme-classic's CodeBlock/Line: a line holding only its break renders
    // empty, the <br> after it keeps its height.
    const tokens = line.length === 1 && line[0]!.content === '\n' ? [{ ...line[0]!, content: '' }] : line;
    return tokens.map(tokenHtml).join('');
  });
}
