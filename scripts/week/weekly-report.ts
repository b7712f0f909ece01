/**
 * `kb week N`'s weekly report: the facts region is filled in a new draft and
 * refreshed in an existing report (no --force needed: only the region
 * changes, what people wrote around it is kept byte for byte). Pure.
 */
import type { WeekFacts } from './facts.ts';
import { replaceFactsRegion } from './region.ts';
import { renderFacts } from './render.ts';

export interface FactsWrite {
  /** Relative path. */
  path: string;
  content: string;
  action: 'created' | 'replaced' | 'appended' | 'unchanged';
}

/**
 * The weekly report's new text. `draft` is the scaffolded content when the
 * report is being created; `existing` the current text when it exists.
 */
export function planWeeklyFacts(
  facts: WeekFacts,
  target: { path: string; draft?: string; existing?: string },
): FactsWrite {
  const region = renderFacts(facts);
  if (target.existing !== undefined) {
    const { text, action } = replaceFactsRegion(target.existing, region, target.path);
    return { path: target.path, content: text, action };
  }
  const { text } = replaceFactsRegion(target.draft ?? '', region, target.path);
  return { path: target.path, content: text, action: 'created' };
}
