/**
 * Turns a title into a file-name slug: lower-case ASCII words joined by
 * hyphens, accents folded, cut to `maxLength` characters without a trailing
 * hyphen. ADRs and catalog documents name their files with it.
 */
export function slugify(title: string, maxLength = Number.POSITIVE_INFINITY): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
