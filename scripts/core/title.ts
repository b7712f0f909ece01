import { KbError } from './errors.ts';
import { slugify } from './slug.ts';

/** Where a title's file goes: names the folder in messages and says how its slug is cut. */
export interface TitleTarget {
  /** Folder of the file, e.g. `adr` or `runbooks`. */
  folder: string;
  /** A command line that shows a good title, for the empty-title hint. */
  example: string;
  /** The file slug of a clean title (default: slugify, uncut). */
  slug?: (title: string) => string;
}

/** An ADR slug: at most 60 characters, cut at a word boundary (file names stay readable). */
export function adrSlug(title: string, max = 60): string {
  const slug = slugify(title);
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1).lastIndexOf('-');
  return cut > 20 ? slug.slice(0, cut) : slug.slice(0, max).replace(/-+$/g, '');
}

/**
 * The one title rule of every document kb writes, as a value object: trimmed,
 * one line, at most 200 characters, not a path, with at least one ASCII letter
 * or digit for the file slug. Failures are BAD_TITLE (usage, exit 2).
 */
export function parseTitle(raw: unknown, target: TitleTarget): { title: string; slug: string } {
  const title = typeof raw === 'string' ? raw.trim() : '';
  const fail = (message: string, hint: string) => new KbError('BAD_TITLE', message, { field: 'title', hint });
  if (title === '') throw fail('the title is empty', `give it a title, e.g. ${target.example}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  if (/[\u0000-\u001f\u007f]/.test(title))
    throw fail('the title contains a control character or line break', 'write the title on one line');
  if (/(^|[\\/])\.\.([\\/]|$)/.test(title) || /^[\\/~]/.test(title) || /^[a-z]:[\\/]/i.test(title))
    throw fail(
      `the title "${title}" reads as a path outside ${target.folder}/`,
      `give a plain title; the file name is made from it inside ${target.folder}/`,
    );
  if (title.length > 200) throw fail(`the title is ${title.length} characters long`, 'keep it under 200 characters');
  const slug = (target.slug ?? slugify)(title);
  if (slug === '')
    throw fail(
      `the title "${title}" has no ASCII letters or digits to name the file with`,
      'add at least one ASCII word or number to the title (file names are ASCII slugs)',
    );
  return { title, slug };
}
