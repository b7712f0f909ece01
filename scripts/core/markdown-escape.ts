/**
 * Text from users or tools goes through these before it lands in generated
 * Markdown, so `{`, `<`, `|`, back-ticks and friends render literally in both
 * CommonMark (.md) and MDX (.mdx) pages.
 */

const inlineSpecials = /[\\`*_{}[\]()<>#+!|~&$]/g;

const entity: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '{': '&#123;',
  '}': '&#125;',
  '&': '&amp;',
  '|': '&#124;',
  '`': '&#96;',
};

/** Escapes inline text (a sentence, a title, a table cell). Newlines become spaces. */
export function escapeInline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(inlineSpecials, (ch) => entity[ch] ?? `\\${ch}`);
}

/** Escapes a table cell: inline escaping, and never an empty cell. */
export function escapeCell(text: string): string {
  const escaped = escapeInline(text).trim();
  return escaped === '' ? '—' : escaped;
}

/** Wraps text in a code span that survives any back-ticks inside it. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const runs = flat.match(/`+/g) ?? [];
  const longest = runs.reduce((max, r) => Math.max(max, r.length), 0);
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any back-tick run inside. */
export function codeBlock(text: string, lang = ''): string {
  const runs = text.match(/`{3,}/g) ?? [];
  const longest = runs.reduce((max, r) => Math.max(max, r.length), 2);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '{': '&#123;',
  '}': '&#125;',
};
/** What element text in plain HTML needs (no attribute, no MDX around it). */
export const htmlTextChars = /[&<>]/g;

/**
 * Escapes text for use inside an HTML/JSX attribute or element in generated
 * MDX/SVG (the one HTML escaper of kb and the site). `chars` narrows it, e.g.
 * to `htmlTextChars` for code spans in built HTML, where quotes stay as they are.
 */
export function escapeHtml(text: string, chars: RegExp = /[&<>"'{}]/g): string {
  return text.replace(chars, (ch) => htmlEntities[ch]!);
}
