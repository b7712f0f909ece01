import { KbError } from '../core/errors.ts';
import { slugify } from '../core/slug.ts';

export { slugify };

/** The slug cut to at most 60 characters at a word boundary (file names stay readable). */
export function shorten(slug: string, max = 60): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1).lastIndexOf('-');
  return cut > 20 ? slug.slice(0, cut) : slug.slice(0, max).replace(/-+$/g, '');
}

/**
 * Validates a record title (a value object: returns the clean title and its
 * slug). Rejects empty titles, control characters and titles that read as a
 * path leaving the adr/ folder, each as BAD_TITLE (usage, exit 2).
 */
export function parseTitle(raw: unknown): { title: string; slug: string } {
  const title = typeof raw === 'string' ? raw.trim() : '';
  if (title === '') {
    throw new KbError('BAD_TITLE', 'the title is empty', {
      hint: 'give the decision a title, e.g. kb adr new "Use Redis Cluster for L2 cache"',
    });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(title)) {
    throw new KbError('BAD_TITLE', 'the title contains a control character or line break', {
      hint: 'write the title on one line',
    });
  }
  if (/(^|[\\/])\.\.([\\/]|$)/.test(title) || /^[\\/~]/.test(title) || /^[a-z]:[\\/]/i.test(title)) {
    throw new KbError('BAD_TITLE', `the title "${title}" looks like a path outside adr/`, {
      hint: 'give a plain title; the file name is made from it (adr/NNNN-slug.md)',
    });
  }
  if (title.length > 200) {
    throw new KbError('BAD_TITLE', `the title is ${title.length} characters long`, {
      hint: 'keep it under 200 characters',
    });
  }
  const slug = shorten(slugify(title));
  if (slug === '') {
    throw new KbError('BAD_TITLE', `the title "${title}" has no letters or digits to name the file with`, {
      hint: 'use a title with at least one letter or digit',
    });
  }
  return { title, slug };
}
