import { describe, expect, it } from 'vitest';
import { escapeHtml, highlightLines, registerLanguages } from './highlight.ts';

registerLanguages(['bash', 'yaml']);

describe('highlightLines', () => {
  it('gives one line of token spans per line of the block', () => {
    const lines = highlightLines('echo "hi" # say it\n\nls -la', 'bash');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '<span class="token builtin class-name">echo</span> <span class="token string">"hi"</span> <span class="token comment"># say it</span>',
    );
    // An empty line keeps theme-classic's inline-block marker.
    expect(lines[1]).toBe('<span class="token plain" style="display:inline-block"></span>');
    expect(lines[2]).toContain('<span class="token function">ls</span>');
  });

  it('splits a token that spans lines, so no line holds a raw line break', () => {
    const lines = highlightLines('x: |\n  one\n  two', 'yaml');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toMatch(/\n/);
  });

  it('escapes the text of every token, so code can never inject markup', () => {
    const lines = highlightLines('cat <<EOF > /tmp/x && echo "<script>alert(1)</script>"', 'bash');
    expect(lines.join('')).not.toContain('<script>');
    expect(lines.join('')).toContain('&lt;script&gt;');
    expect(escapeHtml('a & <b>')).toBe('a &amp; &lt;b&gt;');
  });

  it('leaves a language Prism does not know as escaped plain text', () => {
    expect(highlightLines('if a < b:\n  pass', 'no-such-language')).toEqual(['if a &lt; b:', '  pass']);
  });

  it('knows a registered grammar and the ones prism-react-renderer bundles, whatever the case of the name', () => {
    expect(highlightLines('a: 1', 'YAML')[0]).toContain('token key atrule');
    expect(highlightLines('const a = 1;', 'js')[0]).toContain('token keyword');
  });

  it('keeps magic comment lines, which the theme strips when it renders the block', () => {
    expect(highlightLines('# highlight-next-line\necho hi', 'bash')).toHaveLength(2);
  });
});
