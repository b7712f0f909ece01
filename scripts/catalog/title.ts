import { KbError } from '../core/errors.ts';
import { slugify } from './catalog.ts';

/**
 * A document title as a value object: trimmed, one line, not a path, and
 * with at least one letter or digit for the file slug. Failures are
 * BAD_TITLE (usage, exit 2). `folder` only names the target in messages.
 */
export function parseTitle(raw: unknown, folder: string): { title: string; slug: string } {
  const title = typeof raw === 'string' ? raw.trim() : '';
  if (title === '') {
    throw new KbError('BAD_TITLE', 'the title is empty', {
      field: 'title',
      hint: 'give the document a title, e.g. kb new runbook "Deploy the API gateway"',
    });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(title)) {
    throw new KbError('BAD_TITLE', 'the title contains a control character or line break', {
      field: 'title',
      hint: 'write the title on one line',
    });
  }
  if (/(^|[\\/])\.\.([\\/]|$)/.test(title) || /^[\\/~]/.test(title) || /^[a-z]:[\\/]/i.test(title)) {
    throw new KbError('BAD_TITLE', `the title "${title}" reads as a path outside ${folder}/`, {
      field: 'title',
      hint: `give a plain title; the file name is made from it inside ${folder}/`,
    });
  }
  if (title.length > 200) {
    throw new KbError('BAD_TITLE', `the title is ${title.length} characters long`, {
      field: 'title',
      hint: 'keep it under 200 characters',
    });
  }
  const slug = slugify(title);
  if (slug === '') {
    throw new KbError('BAD_TITLE', `the title "${title}" has no ASCII letters or digits to name the file with`, {
      field: 'title',
      hint: 'add at least one ASCII word or number to the title (file names are ASCII slugs)',
    });
  }
  return { title, slug };
}
