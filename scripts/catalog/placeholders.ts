/**
 * The one placeholder syntax of templates: `TODO: what to write`, up to the
 * end of the line, a table cell's `|`, closing bold `**` or a Mermaid node's
 * `]` (a bare `TODO` counts too, as the
 * ADR template uses it). Visible on the rendered page on purpose: a draft
 * should look like one. `kb check` finds them with this pattern.
 */
export const placeholderPattern = /\bTODO\b:?[^\n|*\]]*/g;
export const placeholderPrefix = 'TODO:';

/** Every placeholder left in a Markdown body, with its 1-based line in that body. */
export function findPlaceholders(body: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  body.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(placeholderPattern)) found.push({ line: index + 1, text: match[0].trim() });
  });
  return found;
}
