import { KbError } from '../core/errors.ts';
import type { AdrStatus } from './schema.ts';

/** MADR lifecycle: proposed → accepted | rejected; accepted → deprecated | superseded. */
export const transitions: Record<AdrStatus, readonly AdrStatus[]> = {
  proposed: ['accepted', 'rejected'],
  accepted: ['deprecated', 'superseded'],
  rejected: [],
  deprecated: [],
  superseded: [],
};

export function canTransition(from: AdrStatus, to: AdrStatus): boolean {
  return transitions[from].includes(to);
}

/** Throws ILLEGAL_TRANSITION naming the record, both statuses and what is allowed instead. */
export function assertTransition(number: number, from: AdrStatus, to: AdrStatus, file?: string): void {
  if (canTransition(from, to)) return;
  const allowed = transitions[from];
  throw new KbError('ILLEGAL_TRANSITION', `ADR ${number} is ${from}; it cannot become ${to}`, {
    file,
    field: 'status',
    hint:
      allowed.length > 0
        ? `a ${from} record can only become ${allowed.join(' or ')}`
        : `${from} is final: record a new decision with kb adr new`,
  });
}
