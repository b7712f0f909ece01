/** The `---` fences around YAML front matter, shared by the library writer (front-matter.ts) and the fast one (plain-yaml.ts). */

/** Matches a front matter block at the start of a file; group 1 is the YAML. */
export const frontMatterFence = /^---\r?\n(?:([\s\S]*?)\r?\n)?---\r?\n?/;

/** Joins front matter text (no trailing newline) and a body the way every kb document is written. */
export function joinFrontMatter(yaml: string, body: string): string {
  const text = body.startsWith('\n') ? body : `\n${body}`;
  return `---\n${yaml}\n---\n${text}`;
}
