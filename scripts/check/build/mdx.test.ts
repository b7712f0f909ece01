import { describe, expect, it } from 'vitest';
import { analyzeMdx } from './mdx.ts';

const analyze = (text: string) => analyzeMdx(text, '/tmp/kb-check-mdx-test/docs/a.mdx', '/tmp/kb-check-mdx-test', {});

describe('analyzeMdx', () => {
  it('gives the line and reason of a compile error', async () => {
    const a = await analyze('---\ntitle: A\n---\n\n# A\n\nThe p99 is {p99 ms.\n');
    expect(a.error).toMatchObject({ line: 7, message: expect.stringMatching(/closing brace/) });
  });

  it('places an unclosed tag on the line of the tag, not at the end of the file', async () => {
    const a = await analyze('# A\n\ntext\n\n<details>\n<summary>S</summary>\n\nmore\n');
    expect(a.error).toMatchObject({ line: 5 });
  });

  it('records imports with their lines, declared names, components and free names', async () => {
    const a = await analyze(
      [
        "import Chart, { Axis as X } from './chart';", // 1
        "export { default as Other } from '@site/src/other';", // 2
        'export const { a, b: [c] } = { a: 1, b: [2] };', // 3
        'export function Local() { return null; }', // 4
        '', // 5
        '# A', // 6
        '', // 7
        '<Chart data={rows} label={a.b} options={{ size: c, mode }} />', // 8
        '', // 9
        'Text {p99.value} and {frontMatter.title} and {items.map((i) => i * 2)}.', // 10
        '', // 11
        '<Tabs.Item />', // 12
      ].join('\n'),
    );
    expect(a.error).toBeUndefined();
    expect(a.imports).toEqual([
      { source: './chart', line: 1 },
      { source: '@site/src/other', line: 2 },
    ]);
    expect(a.declared).toEqual(expect.arrayContaining(['Chart', 'X', 'a', 'c', 'Local']));
    expect(a.components).toEqual([
      { name: 'Chart', line: 8 },
      { name: 'Tabs', line: 12 },
    ]);
    // rows, a (a.b: b is a property), c and mode (shorthand) are read; the arrow function is not analysed.
    expect(a.references.map((r) => `${r.name}:${r.line}`)).toEqual([
      'rows:8',
      'a:8',
      'c:8',
      'mode:8',
      'p99:10',
      'frontMatter:10',
    ]);
  });

  it('compiles admonitions, mermaid blocks, comments in braces and lower-case HTML', async () => {
    const a = await analyze(
      ':::note\n\nHi\n\n:::\n\n```mermaid\ngraph TD\n a-->b\n```\n\n{/* a comment */}\n\n<span>x</span>\n',
    );
    expect(a).toMatchObject({ components: [], references: [] });
    expect(a.error).toBeUndefined();
  });
});
