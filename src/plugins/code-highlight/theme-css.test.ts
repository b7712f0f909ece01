import { themes } from 'prism-react-renderer';
import { describe, expect, it } from 'vitest';
import { prismThemeCss } from './theme-css.ts';

describe('prismThemeCss', () => {
  const css = prismThemeCss(themes.github, themes.dracula, 'light');

  it('colours each mode from its theme, the default mode also before data-theme is set', () => {
    expect(css).toContain(
      `:root:not([data-theme='dark']) .theme-code-block{--prism-color:${themes.github.plain.color};--prism-background-color:${themes.github.plain.backgroundColor}}`,
    );
    expect(css).toContain(
      `[data-theme='dark'] .theme-code-block{--prism-color:${themes.dracula.plain.color};--prism-background-color:${themes.dracula.plain.backgroundColor}}`,
    );
  });

  it('has one rule per token type with the merged style, in kebab-case', () => {
    const comment = themes.github.styles
      .filter((s) => s.types.includes('comment'))
      .reduce((a, s) => Object.assign(a, s.style), {});
    const rule = css
      .split('\n')
      .find((line) => line.startsWith(":root:not([data-theme='dark']) .theme-code-block .token.comment{"));
    expect(rule).toBeDefined();
    for (const [property, value] of Object.entries(comment)) {
      expect(rule).toContain(`${property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${String(value)}`);
    }
  });

  it('scopes a language-specific style to that language', () => {
    const theme = {
      plain: { color: '#000', backgroundColor: '#fff' },
      styles: [{ types: ['keyword'], languages: ['sql'], style: { color: '#f00' } }],
    };
    expect(prismThemeCss(theme, undefined, 'dark')).toContain(
      ":root:not([data-theme='light']) .theme-code-block.language-sql .token.keyword{color:#f00}",
    );
  });

  it('uses the light theme in dark mode when there is no dark theme', () => {
    const single = prismThemeCss(themes.github, undefined, 'light');
    expect(single).toContain(`[data-theme='dark'] .theme-code-block{--prism-color:${themes.github.plain.color}`);
  });
});
