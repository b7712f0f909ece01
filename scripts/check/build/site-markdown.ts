/**
 * The `markdown` settings of docusaurus.config.ts that decide how a page is
 * parsed, as `kb check` mirrors them. A unit test (site-markdown.test.ts)
 * loads the real config and fails when they drift apart.
 */
export const siteMarkdown = {
  /** `.md` is CommonMark, `.mdx` is MDX; front matter `mdx.format` overrides per file. */
  format: 'detect' as 'detect' | 'md' | 'mdx',
  /** ```mermaid code blocks become diagrams. */
  mermaid: true,
  /** `future.v4.mdx1CompatDisabledByDefault`: no MDX 1 comments, admonition titles or `{#id}` escaping. */
  mdx1CompatDisabled: true,
};

/** The format Docusaurus's mdx-loader compiles a file with (lib/format.js getFormat). */
export function formatOf(filePath: string, frontMatter: Record<string, unknown>): 'md' | 'mdx' {
  const mdx = frontMatter.mdx;
  const fmFormat =
    mdx && typeof mdx === 'object' && typeof (mdx as { format?: unknown }).format === 'string'
      ? (mdx as { format: string }).format
      : undefined;
  const byExtension = (): 'md' | 'mdx' =>
    /\.(?:md|markdown|mdown|mkdn|mkd|mdwn|mkdown|ron)$/.test(filePath) ? 'md' : 'mdx';
  if (fmFormat === 'md' || fmFormat === 'mdx') return fmFormat;
  if (fmFormat === 'detect') return byExtension();
  return siteMarkdown.format === 'detect' ? byExtension() : siteMarkdown.format;
}
