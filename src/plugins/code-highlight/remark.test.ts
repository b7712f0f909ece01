import { describe, expect, it } from 'vitest';
import remarkHighlightCode from './remark.ts';

type Code = { type: 'code'; lang?: string | null; value: string; data?: { hProperties?: Record<string, unknown> } };
const tree = (...blocks: Code[]) => ({ type: 'root', children: blocks });
const lines = (block: Code) => block.data?.hProperties?.highlightedLines;

describe('remarkHighlightCode', () => {
  it('gives every fenced block its highlighted lines, keeping the properties it had', () => {
    const block: Code = { type: 'code', lang: 'bash', value: 'echo hi\nls', data: { hProperties: { title: 'x' } } };
    remarkHighlightCode({ additionalLanguages: ['bash'] })(tree(block));
    expect(lines(block)).toBe(
      '<span class="token builtin class-name">echo</span> hi\n<span class="token function">ls</span>',
    );
    expect(block.data?.hProperties?.title).toBe('x');
  });

  it("colours a block that names no language in the theme's default language, and leaves it plain without one", () => {
    const named: Code = { type: 'code', value: 'a: 1' };
    const plain: Code = { type: 'code', value: 'a: 1' };
    remarkHighlightCode({ additionalLanguages: ['yaml'], defaultLanguage: 'yaml' })(tree(named));
    remarkHighlightCode({ additionalLanguages: ['yaml'] })(tree(plain));
    expect(lines(named)).toContain('token key atrule');
    expect(lines(plain)).toBe('a: 1');
  });
});
