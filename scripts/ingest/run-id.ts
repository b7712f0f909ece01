/**
 * How a run id is spelled: `<suite>-<time as YYYYMMDDtHHMMSS>-<label slug>`, plus `-N` when that id was
 * taken (ingest.ts, freeId). The time is the run's startedAt, else its ingestedAt; every parser writes those
 * with toISOString, so the stamp is the UTC second of the run's time. store.ts relies on that to read a
 * suite's newest runs by their file names alone.
 */

import { escapeRegExp } from '../core/regexp.ts';

const slugPart = /[^a-z0-9.-]+/g;

/** A label or suite hint as it appears in an id: lowercase letters, digits, dots and single dashes. */
export function idSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(slugPart, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .replace(/-{2,}/g, '-');
}

/** An ISO time as it appears in an id: `2026-11-26T04:30:48.120Z` → `20261126t043048`. */
export function idStamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '').replace(/Z$/, '').replace('T', 't').slice(0, 15);
}

/**
 * Matches the file names (`<id>.json`) of a suite's runs with a label, giving the stamp as group 1. Every
 * such run's name matches; so can a few others (a numeric label looks like the `-N` of an unlabelled id),
 * so callers still check the runs they read.
 */
export function runNamePattern(suite: string, label: string | undefined): RegExp {
  const labelSlug = label ? idSlug(label) : '';
  const tail = labelSlug ? `-${escapeRegExp(labelSlug)}` : '';
  return new RegExp(`^${escapeRegExp(suite)}-(\\d{8}t\\d{6})${tail}(?:-\\d+)?\\.json$`);
}
