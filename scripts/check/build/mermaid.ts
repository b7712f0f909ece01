// Mermaid diagrams parsed in Node with Mermaid's own parser (`mermaid.parse`),
// the call the site's <Mermaid> component makes before it draws. Mermaid
// needs no DOM to parse except through DOMPurify, which it uses to sanitise
// labels while some diagram types (class, state, gantt, journey, mindmap,
// timeline, quadrant, xychart, sankey, C4, kanban) parse: without a window,
// DOMPurify has no `addHook`/`sanitize`. The shim below gives the instance
// Mermaid imports no-op hooks and an identity sanitiser — fine for parsing,
// which is all we do — and `mermaidParser` checks on load that a class
// diagram (one of those types) parses, so an upgrade that changes this fails
// loudly instead of passing every diagram.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageDir } from './docusaurus.ts';
import importUrl from '../../core/import-url.cjs';

export interface MermaidBlock {
  /** 1-based line of the opening fence in the text scanned. */
  line: number;
  text: string;
}

/** ```mermaid fenced blocks (what Docusaurus's mermaid remark plugin turns into diagrams). */
export function mermaidBlocks(body: string): MermaidBlock[] {
  if (!body.includes('mermaid')) return [];
  const lines = body.split('\n');
  const blocks: MermaidBlock[] = [];
  let fence: string | undefined;
  let isMermaid = false;
  let start = 0;
  let buf: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (fence === undefined) {
      const open = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`{]*)/.exec(line);
      if (open) {
        fence = open[1]!;
        isMermaid = open[2] === 'mermaid';
        start = i + 1;
        buf = [];
      }
    } else {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) {
        if (isMermaid) blocks.push({ line: start, text: buf.join('\n') });
        fence = undefined;
      } else buf.push(line);
    }
  }
  return blocks;
}

export interface MermaidError {
  /** Line inside the diagram (1-based), when the parser says it. */
  line?: number;
  message: string;
}

type Parse = (text: string) => Promise<unknown>;
let parser: Promise<Parse> | undefined;

/** Mermaid's parser with the DOMPurify shim, loaded once (about half a second). */
export function mermaidParser(): Promise<Parse> {
  parser ??= (async () => {
    const mermaidDir = packageDir('mermaid');
    const purifyDir = packageDir('dompurify', mermaidDir);
    const purifyPkg = JSON.parse(readFileSync(path.join(purifyDir, 'package.json'), 'utf8')) as { module?: string };
    const purify = (await importUrl(
      pathToFileURL(path.join(purifyDir, purifyPkg.module ?? 'dist/purify.es.mjs')).href,
    )) as {
      default: Record<string, unknown>;
    };
    const dp = purify.default;
    if (typeof dp.addHook !== 'function') {
      Object.assign(dp, {
        addHook() {},
        removeHook() {},
        removeHooks() {},
        removeAllHooks() {},
        sanitize: (s: unknown) => s,
      });
    }
    const mermaid = (
      (await importUrl(pathToFileURL(path.join(mermaidDir, 'dist/mermaid.core.mjs')).href)) as {
        default: { parse: Parse };
      }
    ).default;
    try {
      await mermaid.parse('classDiagram\n  A <|-- B');
    } catch (error) {
      throw new Error(
        `kb check: Mermaid no longer parses without a DOM with the DOMPurify shim (${String(error)}); update scripts/check/build/mermaid.ts`,
      );
    }
    return mermaid.parse;
  })();
  return parser;
}

/** Parses one diagram; undefined when Mermaid accepts it. */
export async function parseMermaid(text: string): Promise<MermaidError | undefined> {
  const parse = await mermaidParser();
  try {
    await parse(text);
    return undefined;
  } catch (error) {
    const message = String((error as Error).message ?? error);
    // Jison counts the end of input as the line after the last one: clamp to the diagram.
    const line = Math.min(Number(/\bline (\d+)/.exec(message)?.[1] ?? 0), text.split('\n').length);
    // Jison says "Parse error on line N:\n<excerpt>\n---^\nExpecting 'A', 'B', got 'C'". The
    // finding carries the file line, so say what came and near what, without the parser's count.
    const lines = message.split('\n');
    const first = lines[0]!.trim();
    if (!/^Parse error on line \d+:?$/.test(first)) return { line: line > 0 ? line : undefined, message: first };
    const got = /got '([^']+)'/.exec(message)?.[1];
    const near = lines[1]?.trim();
    const what = got === 'EOF' ? 'end of diagram' : got ? `'${got}'` : 'text';
    return { line: line > 0 ? line : undefined, message: `unexpected ${what}${near ? ` near "${near}"` : ''}` };
  }
}
