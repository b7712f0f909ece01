/**
 * Front matter without the yaml library, for the common case where every
 * value is plainly safe: the exact text `serializeMarkdown`
 * (front-matter.ts) writes, checked against the library value for value in
 * plain-yaml.test.ts. Anything else (a title with `:`, `#`, quotes, a
 * leading digit, `true`, nested maps…) returns undefined and goes through the
 * yaml library, which quotes and escapes it. Keeps the library (about a tenth
 * of `kb adr new`'s start-up) off the hot path.
 */

import { joinFrontMatter } from './fence.ts';

// Starts with a letter, then letters, digits, spaces and a few punctuation
// marks the YAML 1.2 core schema never reads as syntax in a block mapping;
// no trailing space. `:`, `#`, quotes, brackets, `&`, `*`, `!`, `|`, `>`,
// `%`, `@` and back-ticks are left to the library.
const plainText = /^\p{L}[\p{L}\p{N} ._,()/'-]*(?<! )$/u;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
// Words the core schema reads as booleans or null: the library quotes them.
const reserved = /^(?:true|false|null)$/i;
const plainKey = /^[a-z][a-z0-9-]*$/;

function scalar(value: unknown): string | undefined {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 && !Object.is(value, -0) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  return (plainText.test(value) && !reserved.test(value)) || isoDate.test(value) ? value : undefined;
}

function key(name: string): string | undefined {
  return plainKey.test(name) && !reserved.test(name) ? name : undefined;
}

/** A flat mapping inside a sequence item (`- type: amends\n    target: 3`). */
function item(value: unknown): string | undefined {
  const one = scalar(value);
  if (one !== undefined) return one;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const lines: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const name = key(k);
    const text = scalar(v);
    if (name === undefined || text === undefined) return undefined;
    lines.push(`${name}: ${text}`);
  }
  return lines.length > 0 ? lines.join('\n    ') : undefined;
}

/** The YAML text (no fences, no final newline) of `data`, or undefined when the library must write it. */
export function plainYaml(data: Record<string, unknown>): string | undefined {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    const name = key(k);
    if (name === undefined) return undefined;
    if (Array.isArray(v)) {
      if (v.length === 0) {
        lines.push(`${name}: []`);
        continue;
      }
      lines.push(`${name}:`);
      for (const x of v) {
        const text = item(x);
        if (text === undefined) return undefined;
        lines.push(`  - ${text}`);
      }
      continue;
    }
    const text = scalar(v);
    if (text === undefined) return undefined;
    lines.push(`${name}: ${text}`);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** `serializeMarkdown`, loading the yaml library only when a value needs it. */
export async function serializeMarkdownLazily(data: Record<string, unknown>, body: string): Promise<string> {
  const yaml = plainYaml(data);
  if (yaml !== undefined) return joinFrontMatter(yaml, body);
  const { serializeMarkdown } = await import('./front-matter.ts');
  return serializeMarkdown(data, body);
}
