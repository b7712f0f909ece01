import { KbError } from './errors.ts';

// Calendar dates as every part of kb and the site reads them: YYYY-MM-DD,
// UTC. YAML may hand a date over as a string or as a Date.

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of `now` (UTC). */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** A front matter date as `YYYY-MM-DD`, whether YAML gave a string or a Date; undefined when unusable. */
export function reviewDateOf(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return todayOf(value);
  if (typeof value === 'string' && isoDate.test(value) && !Number.isNaN(Date.parse(value))) return value;
  return undefined;
}

/** A YYYY-MM-DD date that exists on the calendar, else BAD_ARGUMENT naming `field`. */
export function parseDate(text: string, field: string): string {
  const m = isoDate.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || todayOf(d) !== text)
    throw new KbError('BAD_ARGUMENT', `"${text}" is not a date`, {
      field,
      hint: 'write a date as YYYY-MM-DD, e.g. 2025-01-06',
    });
  return text;
}
