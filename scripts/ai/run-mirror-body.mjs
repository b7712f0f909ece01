// The body of a run page's Markdown copy, taken from its stored file (reports/runs/<id>.md) as it is. Plain
// JavaScript: the writer threads of src/plugins/write-in-threads.ts run it (a worker thread starts without the
// build's TypeScript loader), and the build's TypeScript imports it from here (run-mirror-body.d.mts).

import { frontMatterFence } from '../core/fence-pattern.mjs';

/** The front matter block at the start of a file: the one pattern of scripts/core/fence.ts. */
export const FRONT_MATTER = frontMatterFence;

/** Line terminators: where a multiline regex's `^` may match. */
const lineEnd = /[\n\r\u2028\u2029]/;

/**
 * False only when no `#` followed by a space or tab stands after nothing but whitespace on its line: then no
 * line of `body` can be a `# Heading`. Found with indexOf, as a regex tries every line of the body (a run
 * page's `## Summary` is passed over at its second `#`): 10,000 run page bodies are 80 MB.
 */
export function mayHaveH1(body) {
  for (const marker of ['# ', '#\t'])
    for (let i = body.indexOf(marker); i >= 0; i = body.indexOf(marker, i + 1)) {
      let j = i - 1;
      while (j >= 0 && !lineEnd.test(body[j]) && /\s/.test(body[j])) j--;
      if (j < 0 || lineEnd.test(body[j])) return true;
    }
  return false;
}

/**
 * What a run page's mirror shows after its head (scripts/ai/markdown.ts, renderMirror): the file's body with
 * the front matter and the blank line after it cut off, trimmed. Undefined when renderMirror would change
 * that text: a truncate marker to drop, a `.md` link to point at its mirror, or a `# Heading` that may be
 * the page's own title (kb ingest writes none of them; a hand-edited page may). Such a page's mirror is
 * rendered as any other page's.
 */
export function runMirrorBody(text) {
  const block = FRONT_MATTER.exec(text)?.[0];
  const body = (block === undefined ? text : text.slice(block.length)).replace(/^\n/, '');
  if (body.includes('truncate') || body.includes('.md') || mayHaveH1(body)) return undefined;
  return body.trim();
}
