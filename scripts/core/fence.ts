/** The `---` fences around YAML front matter, shared by the library writer (front-matter.ts) and the fast one (plain-yaml.ts). */

import { frontMatterFence } from './fence-pattern.mjs';

/** Matches a front matter block at the start of a file; group 1 is the YAML (plain JS in fence-pattern.mjs, for worker threads). */
export { frontMatterFence };

/**
 * Cuts the front matter block off without reading its YAML (for files whose front matter is known
 * otherwise, such as run pages): the body after the closing fence, and how many lines the block took.
 */
export function cutFrontMatter(text: string): { body: string; frontMatterLines: number } {
  const block = frontMatterFence.exec(text)?.[0];
  if (block === undefined) return { body: text, frontMatterLines: 0 };
  return { body: text.slice(block.length), frontMatterLines: block.split('\n').length - 1 };
}

/** Joins front matter text (no trailing newline) and a body the way every kb document is written. */
export function joinFrontMatter(yaml: string, body: string): string {
  const text = body.startsWith('\n') ? body : `\n${body}`;
  return `---\n${yaml}\n---\n${text}`;
}
