import { describe, expect, it } from 'vitest';
import { mermaidBlocks, parseMermaid } from './mermaid.ts';

describe('mermaidBlocks', () => {
  it('finds ```mermaid and ~~~mermaid blocks with the line of their fence, and nothing else', () => {
    const body = [
      '# T', // 1
      '```mermaid', // 2
      'flowchart LR', // 3
      '  a --> b', // 4
      '```', // 5
      '```js', // 6
      '```mermaid inside js', // 7
      '```', // 8
      '~~~~mermaid', // 9
      'pie', // 10
      '~~~', // 11 (too short: not a close)
      '~~~~', // 12
    ].join('\n');
    expect(mermaidBlocks(body)).toEqual([
      { line: 2, text: 'flowchart LR\n  a --> b' },
      { line: 9, text: 'pie\n~~~' },
    ]);
  });
});

// Every diagram type Mermaid 11 ships, parsed in Node: the ones that sanitise
// labels with DOMPurify (class, state, gantt, journey, mindmap, …) need the shim.
const valid: Record<string, string> = {
  flowchart: 'flowchart LR\n A-->B',
  sequence: 'sequenceDiagram\n A->>B: hi',
  class: 'classDiagram\n A <|-- B',
  state: 'stateDiagram-v2\n [*] --> S',
  er: 'erDiagram\n A ||--o{ B : has',
  gantt: 'gantt\n title x\n section s\n t :a1, 2024-01-01, 3d',
  pie: 'pie\n "a": 1',
  journey: 'journey\n title x\n section s\n a: 5: Me',
  gitGraph: 'gitGraph\n commit',
  mindmap: 'mindmap\n root\n  a',
  timeline: 'timeline\n title x\n 2020 : a',
  quadrant: 'quadrantChart\n title x',
  xychart: 'xychart-beta\n x-axis [a,b]\n bar [1,2]',
  sankey: 'sankey-beta\n a,b,1',
  block: 'block-beta\n a b',
  architecture: 'architecture-beta\n service a(server)[A]',
  packet: 'packet-beta\n 0-10: "a"',
  c4: 'C4Context\n Person(a, "A")',
  requirement: 'requirementDiagram\n requirement r {\n id: 1\n text: t\n risk: high\n verifymethod: test\n }',
  kanban: 'kanban\n todo\n  a',
  radar: 'radar-beta\n axis a, b, c\n curve c1{1,2,3}',
};

describe('parseMermaid', () => {
  it.each(Object.entries(valid))(
    'accepts a valid %s diagram',
    async (_type, text) => {
      expect(await parseMermaid(text)).toBeUndefined();
    },
    30_000,
  );

  it('reports a flowchart error with its line in the diagram', async () => {
    expect(await parseMermaid('flowchart LR\n  a --> b\n  b -->')).toMatchObject({ line: 3 });
  });
  it('reports an error in a Langium-parsed diagram (pie)', async () => {
    expect((await parseMermaid('pie\n "a" 1'))?.message).toMatch(/Expecting token/);
  });
  it('reports an error in a diagram type that needs the DOMPurify shim (class)', async () => {
    expect(await parseMermaid('classDiagram\n A <|-- ')).toMatchObject({
      message: expect.stringMatching(/^unexpected /),
      line: 2,
    });
  });
  it('reports an unknown diagram type', async () => {
    expect((await parseMermaid('flowchat LR\n a --> b'))?.message).toMatch(/No diagram type detected/);
  });
});
