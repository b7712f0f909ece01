/**
 * The generated region of a weekly report. Marked regions, not a build-time
 * component: the facts then live in the Markdown itself, so git, kb check,
 * llms.txt, the MCP server and Pagefind read them without a build, and a past
 * week stays a dated record until someone re-runs `kb week N`.
 * Everything outside the markers is what people wrote and is never changed.
 */
import { KbError } from '../core/errors.ts';
import { factsEnd } from './render.ts';

const startPattern = /<!--\s*kb:facts:start\b[^>]*-->/;
const endPattern = /<!--\s*kb:facts:end\s*-->/;

export type RegionUpdate = { text: string; action: 'replaced' | 'appended' | 'unchanged' };

/** Replaces the facts region of `text` with `facts` (markers included); appends it when there is none. */
export function replaceFactsRegion(text: string, facts: string, file: string): RegionUpdate {
  const start = startPattern.exec(text);
  const end = endPattern.exec(text);
  if (!start && !end) {
    const joined = `${text.replace(/\s*$/, '')}\n\n${facts}\n`;
    return { text: joined, action: 'appended' };
  }
  if (!start || !end || end.index < start.index)
    throw new KbError('INVALID_INPUT', 'the kb:facts markers are unbalanced', {
      file,
      field: 'kb:facts',
      hint: `keep one start marker and one "${factsEnd}" after it, or delete both`,
    });
  const next = text.slice(0, start.index) + facts + text.slice(end.index + end[0].length);
  return { text: next, action: next === text ? 'unchanged' : 'replaced' };
}
