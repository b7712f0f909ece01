import { describe, expect, it } from 'vitest';
import config from '../../../docusaurus.config.ts';
import { formatOf, siteMarkdown } from './site-markdown.ts';

describe('siteMarkdown', () => {
  it('matches the markdown settings of docusaurus.config.ts', () => {
    expect(config.markdown?.format ?? 'mdx').toBe(siteMarkdown.format);
    expect(config.markdown?.mermaid ?? false).toBe(siteMarkdown.mermaid);
    expect(config.markdown?.mdx1Compat).toBeUndefined();
    const v4 = (config.future as { v4?: { mdx1CompatDisabledByDefault?: boolean } } | undefined)?.v4;
    expect(v4?.mdx1CompatDisabledByDefault ?? false).toBe(siteMarkdown.mdx1CompatDisabled);
  });
});

describe('formatOf', () => {
  it('compiles .md as CommonMark and .mdx as MDX, as format: detect does', () => {
    expect(formatOf('docs/a.md', {})).toBe('md');
    expect(formatOf('docs/a.mdx', {})).toBe('mdx');
  });
  it('lets front matter mdx.format override the extension', () => {
    expect(formatOf('docs/a.md', { mdx: { format: 'mdx' } })).toBe('mdx');
    expect(formatOf('docs/a.mdx', { mdx: { format: 'md' } })).toBe('md');
    expect(formatOf('docs/a.mdx', { mdx: { format: 'detect' } })).toBe('mdx');
  });
});
