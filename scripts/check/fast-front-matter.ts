import { parseMarkdown, type ParsedMarkdown } from '../core/front-matter.ts';

/**
 * Front matter is most of the cost of reading 5,000 documents: the `yaml`
 * library's full parser takes ~0.1–0.2 ms a file. Nearly every file holds
 * only `key: scalar`, `key: [a, b]` and `key:` + `- item` lines (items may be
 * flat `- type: x` / `  target: n` mappings, as ADR links are), so this
 * reads exactly that subset and hands anything else (nesting, quotes with
 * escapes, comments, anchors, CRLF …) to the one real parser in
 * core/front-matter.ts. A differential test pins it to that parser.
 */
export function parseMarkdownFast(source: string, file: string): ParsedMarkdown {
  return tryFast(source) ?? parseMarkdown(source, file);
}

const fence = /^---\n([\s\S]*?)\n---\n?/;
const keyLine = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const itemLine = /^( *)- +(.*)$/;
const integer = /^-?(?:0|[1-9][0-9]{0,14})$/;
const date = /^\d{4}-\d{2}-\d{2}$/;
const reserved = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);
const notFast = Symbol('not fast');

function scalar(raw: string, inFlow: boolean): unknown {
  const v = raw.trimEnd();
  if (v === '') return notFast;
  const q = v[0];
  if (q === '"' || q === "'") {
    const inner = v.slice(1, -1);
    if (v.length < 2 || v.at(-1) !== q || inner.includes(q) || inner.includes('\\')) return notFast;
    return inner;
  }
  if (integer.test(v)) return Number(v);
  if (date.test(v)) return v;
  if (!/^[A-Za-z]/.test(v) || reserved.has(v)) return notFast;
  if (v.includes(': ') || v.endsWith(':') || v.includes(' #') || v.includes('\t')) return notFast;
  if (inFlow && /[[\]{},]/.test(v)) return notFast;
  return v;
}

function flowSequence(raw: string): unknown {
  const v = raw.trimEnd();
  if (!v.startsWith('[') || !v.endsWith(']')) return notFast;
  const inner = v.slice(1, -1).trim();
  if (inner === '') return [];
  const items: unknown[] = [];
  for (const part of inner.split(',')) {
    const item = scalar(part.trim(), true);
    if (item === notFast) return notFast;
    items.push(item);
  }
  return items;
}

/** The fast path alone: undefined when the front matter needs the full parser. */
export function tryFast(source: string): ParsedMarkdown | undefined {
  if (source.includes('\r') || source.charCodeAt(0) === 0xfeff) return undefined;
  const match = fence.exec(source);
  if (!match) return source.startsWith('---') ? undefined : { data: {}, body: source, frontMatterLines: 0 };
  const lines = (match[1] ?? '').split('\n');
  const data: Record<string, unknown> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const m = keyLine.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    if (Object.hasOwn(data, key) || key === '__proto__') return undefined;
    const raw = m[2];
    let value: unknown;
    if (raw === undefined || raw.trim() === '') {
      const items: unknown[] = [];
      let indent: string | undefined;
      while (i + 1 < lines.length) {
        const item = itemLine.exec(lines[i + 1]!);
        if (!item || (indent !== undefined && item[1] !== indent)) break;
        indent = item[1]!;
        i++;
        const pair = keyLine.exec(item[2]!);
        if (pair) {
          // `- key: value` opens a flat mapping; its other keys sit two columns further in.
          const entry: Record<string, unknown> = {};
          const inner = `${indent}  `;
          let text: string | undefined = item[2];
          while (text !== undefined) {
            const kv = keyLine.exec(text);
            const v = kv?.[2] === undefined ? notFast : scalar(kv[2], false);
            if (!kv || v === notFast || Object.hasOwn(entry, kv[1]!) || kv[1] === '__proto__') return undefined;
            entry[kv[1]!] = v;
            const next = lines[i + 1];
            text =
              next?.startsWith(inner) && next[inner.length] !== ' ' && next[inner.length] !== '-'
                ? next.slice(inner.length)
                : undefined;
            if (text !== undefined) i++;
          }
          items.push(entry);
          continue;
        }
        const v = scalar(item[2]!, false);
        if (v === notFast || String(v).startsWith('- ')) return undefined;
        items.push(v);
      }
      value = items.length > 0 ? items : null;
    } else {
      value = raw.startsWith('[') ? flowSequence(raw) : scalar(raw, false);
      if (value === notFast) return undefined;
    }
    data[key] = value;
  }
  return { data, body: source.slice(match[0].length), frontMatterLines: match[0].split('\n').length - 1 };
}
